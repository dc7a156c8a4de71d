/**
 * Built-in, generic profiles (职能 and keywords) of the kinds of units that handle proposals, written from public
 * knowledge of what such government departments do. A unit whose staff have not written its own profile gets the
 * profile of the first kind its name matches (e.g. "县交通运输委" → 交通运输). Not keyed to any proposal.
 */
export interface UnitKind {
  kind: string;
  /** Substrings of a unit's name that make it this kind. */
  match: readonly string[];
  duties: string;
}

export const UNIT_KINDS: readonly UnitKind[] = [
  { kind: '房屋征收', match: ['征管', '征收', '拆迁'], duties: '国有土地上房屋征收与补偿 拆迁安置 棚户区改造 城中村改造 旧城改造 安置房 征迁补偿' },
  { kind: '水环境治理', match: ['水环境', '五水共治', '治水办', '污水纳管'], duties: '五水共治 河长制 水环境整治 黑臭河道 截污纳管 污水处理 河道清淤 水质提升 剿灭劣五类水' },
  { kind: '三改一拆', match: ['三改一拆', '小城镇', '合用场所', '创卫'], duties: '违法建筑拆除 旧住宅区 旧厂区 城中村改造 小城镇环境综合整治 集镇 卫生城市 环境整治' },
  { kind: '住房城乡建设', match: ['住建', '住房和城乡建设', '建设局', '建委', '城乡建设'], duties: '城市建设 市政道路 桥梁 路口 人行道 市政设施 住房保障 保障性住房 物业管理 住宅小区 老旧小区改造 房地产市场 建筑业 建设工程质量安全 建筑垃圾 燃气 供水 排水管网 园林绿化 路灯 停车场建设 配套设施 海绵城市 公厕' },
  { kind: '交通运输', match: ['交通运输', '交通局', '交通委', '运管'], duties: '公路 道路 农村公路 公交 公交线路 公交站点 公交车 客运 班车 出租车 网约车 货运 物流 运输 港口 航道 码头 高速公路 驾校 汽车维修 公共自行车 城乡公交 交通基础设施' },
  { kind: '教育', match: ['教育'], duties: '学校 教育 教师 学生 幼儿园 学前教育 中小学 义务教育 职业教育 高中 民办学校 校车 师资 教学 课程 校园安全 招生 减负 教育均衡 学区' },
  { kind: '卫生健康', match: ['卫生', '卫计', '卫健', '计划生育'], duties: '医院 医疗 卫生 医生 护士 医疗服务 公共卫生 疾病预防 健康 计划生育 二孩 基层医疗 社区卫生服务中心 家庭医生 妇幼保健 药品 中医 急救 医养结合' },
  { kind: '民政', match: ['民政', '老龄'], duties: '养老 养老服务 居家养老 养老院 老年人 失能老人 社会救助 低保 困难群众 社区建设 社会组织 慈善 殡葬 公墓 婚姻登记 儿童福利 优抚 地名 村居委会' },
  { kind: '文化广电旅游', match: ['文广', '文化', '广电', '新闻出版', '体育'], duties: '文化 文物 文物保护 历史建筑 故居 博物馆 图书馆 文化礼堂 非物质文化遗产 演出 文艺 广播电视 体育 全民健身 体育场馆 运动 文化市场' },
  { kind: '旅游', match: ['旅游', '风景区'], duties: '旅游 景区 游客 民宿 乡村旅游 全域旅游 旅游线路 休闲 度假 旅游资源 旅游产业 农家乐' },
  { kind: '经济和信息化', match: ['经信', '经济和信息化', '工信', '工业和信息化', '经贸'], duties: '工业 制造业 企业 转型升级 智能制造 中小企业 小微企业 民营企业 技术改造 信息化 互联网 节能降耗 淘汰落后产能 工业园区 工业用地 产业 家电 电力 企业减负' },
  { kind: '公安', match: ['公安'], duties: '治安 交通管理 交警 道路交通安全 违章停车 电动自行车 信号灯 户籍 户口 居住证 消防 监控 犯罪 诈骗 禁毒 出入境 校园周边治安 交通拥堵' },
  { kind: '农业农村', match: ['农业', '农机', '农林', '畜牧', '渔业'], duties: '农业 农民 种植 养殖 农产品 粮食 蔬菜 畜牧 渔业 农机 家庭农场 农民专业合作社 农田 现代农业 农业园区 病虫害 动物防疫 农产品质量安全' },
  { kind: '农办', match: ['农办', '农村工作', '乡村振兴'], duties: '新农村建设 美丽乡村 乡村振兴 农村环境整治 村庄整治 农村集体经济 农村改革 农民增收 城乡统筹 农村生活污水 农村垃圾 农房 村级组织' },
  { kind: '宣传', match: ['宣传'], duties: '宣传 文明城市 精神文明 新闻 舆论 网络 社会主义核心价值观 志愿服务 媒体 道德 文化产业 文化事业 家风' },
  { kind: '人力资源社会保障', match: ['人力社保', '人社', '人力资源', '劳动'], duties: '就业 创业 社会保险 养老保险 医疗保险 工伤 失业 工资 劳动关系 劳动合同 农民工 人才 职称 技能培训 退休待遇 用工' },
  { kind: '商务', match: ['商务', '商贸', '贸易'], duties: '商贸 电子商务 外贸 出口 商业网点 市场 消费 会展 农贸市场 菜市场 商业综合体 物流 外资 跨境电商' },
  { kind: '生态环境', match: ['环保', '环境保护', '生态环境'], duties: '环境保护 污染 大气 空气 雾霾 废气 水污染 噪声 固体废物 危险废物 环境监测 排放 环评 生态 环境执法 化工企业' },
  { kind: '国土资源', match: ['国土', '自然资源', '不动产'], duties: '土地 用地 建设用地 土地指标 国土 宅基地 农村建房 征地 土地整治 耕地保护 矿产 不动产登记 地质灾害 土地出让' },
  { kind: '城市管理', match: ['城管', '综合行政执法', '城市管理'], duties: '城市管理 市容 环卫 环卫工人 垃圾分类 生活垃圾 违章建筑 占道经营 流动摊贩 户外广告 渣土 执法 公厕 停车收费 市政养护' },
  { kind: '金融', match: ['金融', '银行', '银监', '保险', '证券'], duties: '金融 银行 贷款 融资 信贷 上市 保险 担保 民间借贷 金融风险 小额贷款 企业融资 资金链 互联网金融 普惠金融' },
  { kind: '水利', match: ['水利', '水务'], duties: '水利 河道 水库 防洪 排涝 海塘 堤防 灌溉 水资源 节水 河网 闸站 农田水利 防汛 台风 供水' },
  { kind: '供销', match: ['供销', '农合联'], duties: '供销社 农合联 农资 农产品流通 农村合作经济 为农服务 农产品销售' },
  { kind: '规划', match: ['规划'], duties: '城乡规划 城市规划 规划布局 控制性详细规划 村庄规划 规划设计 用地规划 空间布局 规划审批' },
  { kind: '市场监管', match: ['市场监管', '工商', '质监', '食药', '食安', '检验检疫'], duties: '市场监管 食品安全 药品安全 产品质量 消费者权益 价格 商标 特种设备 网络交易 市场秩序 计量 标准 广告监管' },
  { kind: '招商', match: ['招商'], duties: '招商引资 项目引进 投资 外资 产业招商 总部经济' },
  { kind: '发展改革', match: ['发展改革', '发改', '发展和改革'], duties: '发展规划 重大项目 投资 价格 经济运行 产业政策 循环经济 节能 物价 社会信用 区域发展' },
  { kind: '财政税务', match: ['财政', '地税', '国税', '税务'], duties: '财政 资金 补助 补贴 预算 专项资金 税收 税务 纳税 减税降费 政府采购 经费保障 国有资产' },
  { kind: '国资', match: ['国资', '国有资产'], duties: '国有资产 国有企业 资产管理 存量资产 盘活' },
  { kind: '科技', match: ['科技', '创新中心', '科协'], duties: '科技 科技创新 研发 高新技术企业 专利 知识产权 孵化器 科研 成果转化 科技人才 科普' },
  { kind: '组织', match: ['组织部', '编委', '编办'], duties: '干部 组织 党建 基层党组织 党员 公务员 人才工作 人才引进 机构编制 考核' },
  { kind: '法院检察', match: ['法院', '检察'], duties: '审判 诉讼 司法 执行 案件 法官 检察 破产 法律监督' },
  { kind: '政法', match: ['政法', '综治', '调处', '信访', '司法局'], duties: '综治 平安建设 维稳 信访 社会治理 矛盾纠纷调解 网格化 法治 法律援助 普法 人民调解 社区矫正' },
  { kind: '统战', match: ['统战', '民族宗教', '侨'], duties: '统一战线 民主党派 宗教 民族 侨务 台胞 非公有制经济人士 新的社会阶层' },
  { kind: '开发区', match: ['管委会', '开发区', '新区', '园区', '指挥部'], duties: '开发区 新区 产业园区 园区建设 基础设施 产业平台 招商 企业服务' },
  { kind: '工商联', match: ['工商联', '商会'], duties: '民营企业 民营经济 商会 非公经济 企业家' },
  { kind: '流动人口', match: ['流动人口', '新市民'], duties: '流动人口 外来人口 新市民 居住证 外来务工人员 出租房屋管理' },
  { kind: '政府办', match: ['府办', '政府办', '行政服务', '机关事务', '公共资源'], duties: '政府 行政效能 政务服务 行政审批 最多跑一次 办事窗口 便民服务 公共资源交易 督查' },
  { kind: '妇联', match: ['妇联'], duties: '妇女 儿童 家庭 妇女权益 家庭教育' },
  { kind: '工会共青团', match: ['总工会', '团市委', '团县委', '团区委'], duties: '职工 工会 职工权益 青年 青少年 共青团 志愿者' },
  { kind: '残联', match: ['残联', '残疾人'], duties: '残疾人 无障碍 康复 助残 残疾人就业' },
  { kind: '安监', match: ['安监', '安全生产', '应急'], duties: '安全生产 隐患排查 危险化学品 事故 安全监管 应急管理' },
  { kind: '供电通信', match: ['供电', '电力', '电信', '移动', '联通', '邮政'], duties: '电力 供电 电网 停电 电杆 线路 充电桩 通信 网络 宽带 基站 信号 邮政 快递' },
  { kind: '镇街', match: ['街道', '镇', '乡'], duties: '辖区 街道 村 社区 基层治理 村庄 集镇' },
  { kind: '气象', match: ['气象'], duties: '气象 天气 预警 防灾减灾' },
];

/** The built-in profile text of a unit (by its name), or '' when its name matches no kind. */
export function defaultProfile(unitName: string): string {
  const kind = UNIT_KINDS.find((k) => k.match.some((m) => unitName.includes(m)));
  return kind ? kind.duties : '';
}

/**
 * A unit's name without its administrative wrapping (市…局, 县…委员会, （…）): the part that says what it handles.
 */
export function nameCore(unitName: string): string {
  return unitName
    .replace(/[（(][^）)]*[）)]/gu, '')
    .trim()
    .replace(/^(市|县|区|镇|乡|省)(委|政府)?/u, '')
    .replace(/(执委会|管委会|委员会|领导小组办公室|办公室|管理局|局|委|办|处|中心|部)$/u, '')
    .trim();
}

/** The profile text of a unit: its name's core, then its own duties or, failing those, its kind's (may be ''). */
export function unitProfileText(unitName: string, duties = ''): string {
  const text = duties.trim() || defaultProfile(unitName);
  return text ? `${nameCore(unitName)} ${text}`.trim() : '';
}
