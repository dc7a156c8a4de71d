/** Demo text of the activity stories (DOMAIN.md §9), written for the demo; names are fictional unless public office titles. */

export const RC_CONSULTATION = {
  topic: '推动国家生猪技术创新中心科技成果就地转化 建设现代畜牧业强区',
  agenda:
    '<p>一、区畜牧发展中心通报生猪产业发展和国家生猪技术创新中心建设情况</p><p>二、常委视察中试基地和荣昌猪种质资源保护场</p><p>三、常委、委员专题发言</p><p>四、区政府有关负责同志回应</p>',
  minutes:
    '<p>12月5日，区政协召开专题议政性常委会会议，围绕推动国家生猪技术创新中心科技成果就地转化建言献策。</p><p>会议认为，技术创新中心建设成效明显，但科技成果本地转化率不高、中试熟化平台不足、配套产业链条短、科技人才留不住等问题依然突出。</p><p>会议形成协商报告，提出问题清单15项，报区委、区政府参阅。</p>',
  findings:
    '<p>一是成果本地转化率偏低，近三年技术创新中心的成果在区内转化不足三成；二是中试熟化平台不足，企业承接能力弱；三是饲料、兽药、肉制品加工等配套产业链条短；四是科研人才住房、子女入学等保障不够，人才流失明显。</p>',
  recommendations:
    '<p>建立“中心研发、区内中试、企业转化”的协同机制；建设生猪科技成果中试基地；设立成果转化专项资金；完善科研人才安居和子女入学保障；将成果转化纳入部门考核。</p>',
  speeches: [
    { title: '建设中试基地，打通成果转化“最后一公里”', body: '<p>建议由区科技局牵头，在高新区规划建设生猪科技成果中试基地，配套建设共享实验室。</p>' },
    { title: '以种业为龙头延伸生猪产业链', body: '<p>建议依托荣昌猪种质资源，引进饲料、兽药和肉制品精深加工企业，形成全产业链。</p>' },
    { title: '让科研人才留得住、干得好', body: '<p>建议为技术创新中心科研人员提供人才公寓，解决子女入学，落实科技成果收益分配激励。</p>' },
  ],
};

export const RC_MEETING = {
  topic: '区委专题会议：研究政协常委会协商成果问题清单落实工作',
  agenda: '<p>一、区政协通报专题议政性常委会协商成果和问题清单</p><p>二、15个区级部门逐项表态</p><p>三、区委主要负责同志讲话</p>',
  minutes:
    '<p>12月9日，区委召开专题会议研究区政协常委会协商成果。15个区级部门逐项回应问题清单，明确承诺事项、具体措施和完成时限。会议要求各部门把协商成果转化为推动工作的具体举措。</p>',
};

/** The 15 departments and their issues (荣昌 problem list). status: where the issue stands now. */
export const RC_ISSUES: Array<{
  unit: string;
  title: string;
  commitment: string;
  measures: string;
  planned: string;
  status: 'converted' | 'resolved' | 'in_progress' | 'responded' | 'cannot_resolve' | 'closed';
  result?: 'converted' | 'resolved';
  progress?: string;
  reason?: string;
}> = [
  { unit: '区科技局', title: '生猪科技成果中试熟化平台不足', commitment: '2026年建成生猪科技成果中试基地', measures: '在高新区规划用地30亩，争取市级科技专项资金支持', planned: '2026-10-31', status: 'closed', result: 'converted', progress: '中试基地一期主体完工' },
  { unit: '区畜牧发展中心', title: '科技成果在区内转化率不高', commitment: '建立成果发布和对接常态机制', measures: '每季度举办一次成果发布会，建立企业需求清单', planned: '2026-06-30', status: 'in_progress', progress: '已举办两次成果对接会，签约项目6个' },
  { unit: '区财政局', title: '成果转化缺少专项资金支持', commitment: '设立生猪科技成果转化专项资金', measures: '每年安排专项资金2000万元，采取先建后补方式', planned: '2026-03-31', status: 'closed', result: 'converted' },
  { unit: '区规划自然资源局', title: '中试和产业化项目用地保障难', commitment: '优先保障成果转化项目用地指标', measures: '在年度用地计划中单列指标，开辟审批绿色通道', planned: '2026-05-31', status: 'converted', result: 'converted' },
  { unit: '区招商投资局', title: '配套企业引进不足，产业链条短', commitment: '围绕生猪全产业链精准招商', measures: '编制产业链招商图谱，引进饲料、兽药、肉制品加工企业', planned: '2026-12-31', status: 'in_progress', progress: '已签约肉制品精深加工项目2个' },
  { unit: '区人力社保局', title: '科研人才引进和激励政策落实不到位', commitment: '落实科研人员成果转化收益激励', measures: '出台科研人员职务科技成果转化奖励办法', planned: '2026-04-30', status: 'closed', result: 'resolved' },
  { unit: '区住房城乡建委', title: '科研人员住房保障不足', commitment: '提供人才公寓200套', measures: '统筹公租房和人才公寓房源定向配租', planned: '2026-06-30', status: 'resolved', result: 'resolved' },
  { unit: '区教委', title: '科研人员子女入学难', commitment: '保障高层次人才子女就近入学', measures: '建立人才子女入学“一事一议”机制', planned: '2026-08-31', status: 'closed', result: 'resolved' },
  { unit: '区农业农村委', title: '养殖场户对新技术应用积极性不高', commitment: '开展新技术示范推广', measures: '建设10个科技示范场，开展技术培训50场次', planned: '2026-12-31', status: 'converted', result: 'converted' },
  { unit: '区经济信息委', title: '肉制品精深加工企业规模偏小', commitment: '培育规上肉制品加工企业', measures: '实施技术改造补助，支持企业扩能升级', planned: '2026-12-31', status: 'in_progress', progress: '2家企业完成技改备案' },
  { unit: '区商务委', title: '荣昌猪品牌市场推广不足', commitment: '开展荣昌猪品牌推广活动', measures: '组织企业参加西部农博会等展会，开设线上旗舰店', planned: '2026-09-30', status: 'closed', result: 'converted' },
  { unit: '区市场监管局', title: '生猪产品质量追溯体系不健全', commitment: '建立生猪产品质量追溯平台', measures: '推行“一猪一码”，覆盖全区规模养殖场', planned: '2026-12-31', status: 'responded' },
  { unit: '区生态环境局', title: '养殖粪污资源化利用水平不高', commitment: '提高粪污资源化利用率', measures: '推广种养循环模式，建设集中处理中心', planned: '2026-10-31', status: 'resolved', result: 'resolved' },
  { unit: '区发展改革委', title: '重大科技平台建设纳入规划不够', commitment: '将中试基地纳入区重点项目', measures: '纳入年度重点项目清单，实行专班推进', planned: '2026-02-28', status: 'closed', result: 'converted' },
  { unit: '区交通运输委', title: '中试基地周边道路配套滞后', commitment: '研究周边道路改造', measures: '用地和资金条件尚不具备，列入下一年度计划', planned: '2027-06-30', status: 'cannot_resolve', reason: '道路改造资金未纳入本年度预算，已列入下一年度计划研究' },
];

export const KZ_INSPECTION = {
  topic: '城市花境建设与城市空间美化专题视察',
  agenda: '<p>一、实地视察汉丰湖沿岸花境、口袋公园和城市主干道绿化</p><p>二、听取区城市管理局情况汇报</p><p>三、座谈交流</p>',
  minutes: '<p>区政协组织部分常委和委员对城市花境建设进行专题视察。视察组认为，城市花境建设提升了城市颜值，但存在养护投入不足、乡土花卉品种运用少、市民参与度不高等问题。</p>',
  findings: '<p>花境建设点位布局不均衡；后期养护资金和专业队伍不足；乡土花卉品种运用少；市民参与认养的机制尚未建立。</p>',
  recommendations: '<p>编制城市花境专项规划；建立花境养护长效机制；推广使用本地乡土花卉；推行花境认养，引导市民共建共享。</p>',
  suggestions: [
    { title: '推广乡土花卉，打造开州特色花境', body: '<p>建议在花境建设中优先使用三角梅、紫薇等适生品种，降低养护成本。</p>' },
    { title: '建立花境认养制度', body: '<p>建议鼓励企业、社区和市民认养花境，形成共建共治共享格局。</p>' },
    { title: '加强专业养护队伍建设', body: '<p>建议通过政府购买服务引入专业园林养护企业，建立考核机制。</p>' },
  ],
};

export const BN_REPORT = {
  researchTopic: '智慧社区建设专题调研',
  consultTopic: '政党协商：推进智慧社区建设 提升基层治理效能',
  title: '关于加快推进巴南区智慧社区建设的调研报告',
  findings:
    '<p>全区已建成智慧社区试点12个，但存在平台多头建设、数据不共享，老年人“数字鸿沟”突出，社区工作者数字技能不足，运维资金缺乏保障等问题。</p>',
  recommendations:
    '<p>统一建设区级智慧社区平台，打通政务数据；推出适老化服务终端和“一键呼叫”；开展社区工作者数字技能培训；建立政府引导、市场参与的运维投入机制。</p>',
};

/** Topics of the other demo activities (type, topic, organizer kind and name). */
export const OTHER_TOPICS: Array<[string, string, 'office' | 'committee' | 'sector' | 'group' | 'studio' | 'party', string]> = [
  ['双周协商座谈会', '优化营商环境 助力民营经济高质量发展', 'committee', '经济委员会'],
  ['对口协商', '城乡居民医保参保扩面', 'committee', '社会和法制委员会'],
  ['界别协商', '乡村教师队伍建设', 'sector', '教育界'],
  ['提案办理协商', '重点提案“关于加强农村饮水安全保障的建议”办理协商', 'committee', '提案委员会'],
  ['网络议政', '老旧小区改造中的加装电梯问题', 'office', '政协办公室'],
  ['视察', '长江流域禁捕退捕工作专题视察', 'committee', '人口资源环境委员会'],
  ['调研', '农村养老服务体系建设专题调研', 'committee', '社会和法制委员会'],
  ['民主监督', '河长制工作落实情况民主监督', 'committee', '人口资源环境委员会'],
  ['学习培训', '新任政协委员履职培训班', 'office', '政协办公室'],
  ['委员工作室活动', '“委员进社区”倾听群众诉求', 'studio', '委员工作室'],
  ['常委会议', '常委会议：审议年度协商计划', 'office', '政协办公室'],
  ['专题协商会', '推进文旅融合发展', 'committee', '文化文史和学习委员会'],
];
