import type { CollectiveKind, OrgLevel, UnitGroup } from '@common/roles';

/**
 * The demo organizations, written from the stories of a Chongqing CPPCC newspaper page (南川–金牛 砂石合作,
 * 九龙坡–新都 智慧城市联合协商, 开州 城市花境视察, 秀山 峨溶公交提案, 荣昌 生猪技术创新中心 专题协商,
 * 民建巴南区委会 智慧社区调研). Every person is fictional.
 */
export interface DemoTerm {
  number: number;
  startDate: string;
  endDate: string | null;
  /** [number, startDate, endDate] of each plenary session. */
  sessions: Array<[number, string, string]>;
}

export interface DemoUnit {
  name: string;
  group: UnitGroup;
  duties: string;
}

export interface DemoNamedMember {
  name: string;
  gender: 'male' | 'female';
  sector: string;
  employer: string;
  standing?: boolean;
  committees?: string[];
  group?: number;
  studio?: string;
  /** Links the member record to this demo account. */
  account?: string;
}

export interface DemoOrg {
  code: string;
  /** Prefix of the collective agents' demo usernames (bn → bn_agent1). */
  abbr: string;
  name: string;
  shortName: string;
  level: OrgLevel;
  region: string;
  parent?: string;
  /** 县 / 区 / 市: the prefix of local department names. */
  prefix: '县' | '区' | '市';
  /** Short place name used in names of parties, companies and schools (秀山, 巴南, 重庆 …). */
  place: string;
  terms: DemoTerm[];
  committees: string[];
  groups: string[];
  studios: Array<{ name: string; theme: string; place: string }>;
  collectives: Array<{ kind: CollectiveKind; name: string; agentSector?: string }>;
  /** Departments beyond the common set. */
  extraUnits: DemoUnit[];
  memberCount: number;
  namedMembers: DemoNamedMember[];
  /** Villages, streets and towns for addresses. */
  towns: string[];
}

export const SECTORS = [
  '中共',
  '民革',
  '民盟',
  '民建',
  '民进',
  '农工党',
  '致公党',
  '九三学社',
  '无党派人士',
  '共青团',
  '工会',
  '妇联',
  '工商联',
  '科技界',
  '经济界',
  '农业界',
  '教育界',
  '文化艺术界',
  '医药卫生界',
  '社会福利和社会保障界',
  '少数民族界',
  '宗教界',
  '特邀人士',
];

const MUNICIPAL_COMMITTEES = ['提案委员会', '经济委员会', '农业和农村委员会', '人口资源环境委员会', '教科卫体委员会', '社会和法制委员会', '民族宗教委员会', '港澳台侨和外事委员会', '文化文史和学习委员会'];
const LOCAL_COMMITTEES = ['提案委员会', '经济委员会', '文化文史和学习委员会', '社会和法制委员会', '人口资源环境委员会', '农业农村委员会'];

const districtTerm = (number: number, year: number): DemoTerm => ({
  number,
  startDate: `${year}-01-05`,
  endDate: null,
  sessions: [
    [1, `${year}-01-05`, `${year}-01-08`],
    [2, `${year + 1}-01-09`, `${year + 1}-01-12`],
    [3, `${year + 2}-01-07`, `${year + 2}-01-10`],
    [4, `${year + 3}-01-06`, `${year + 3}-01-09`],
  ],
});

const partyCollectives = (place: string, suffix: string, parties: string[], agentEvery = true) =>
  parties.map((p) => ({ kind: 'party' as const, name: `${p}${place}${suffix}`, agentSector: agentEvery ? p : undefined }));

export const DEMO_ORGS: DemoOrg[] = [
  {
    code: 'cq',
    abbr: 'cq',
    name: '中国人民政治协商会议重庆市委员会',
    shortName: '重庆市政协',
    level: 'municipal',
    region: '重庆市',
    prefix: '市',
    place: '重庆',
    terms: [
      { number: 6, startDate: '2023-01-11', endDate: null, sessions: [[1, '2023-01-11', '2023-01-15'], [2, '2024-01-20', '2024-01-24'], [3, '2025-01-14', '2025-01-18'], [4, '2026-01-24', '2026-01-28']] },
    ],
    committees: MUNICIPAL_COMMITTEES,
    groups: ['第一委员小组（中共界）', '第二委员小组（民主党派）', '第三委员小组（经济界）', '第四委员小组（教科文卫）', '第五委员小组（社会界别）'],
    studios: [
      { name: '“智汇聚力”委员工作室', theme: '工业经济与民营经济：帮助委员企业纾困解难、推动成渝产业协作', place: '南川区东城街道' },
      { name: '“山城文脉”委员工作室', theme: '历史文化保护与文旅融合', place: '渝中区' },
    ],
    collectives: [
      ...partyCollectives('重庆', '市委会', ['民革', '民盟', '民建', '民进', '农工党', '九三学社']),
      { kind: 'people_org', name: '重庆市工商业联合会', agentSector: '工商联' },
      { kind: 'committee', name: '重庆市政协提案委员会' },
    ],
    extraUnits: [
      { name: '市大数据发展局', group: 'government', duties: '数字重庆建设、政务数据共享与智慧城市' },
      { name: '市畜牧科学院', group: 'other', duties: '畜牧科研与技术推广' },
    ],
    memberCount: 58,
    namedMembers: [
      { name: '曾蓉', gender: 'female', sector: '无党派人士', employer: '南川区政协', standing: false, committees: ['经济委员会'], group: 2, studio: '“智汇聚力”委员工作室', account: 'nc_zeng' },
    ],
    towns: ['渝中区解放碑街道', '江北区观音桥街道', '沙坪坝区三峡广场', '南岸区南坪街道', '渝北区龙溪街道', '九龙坡区杨家坪街道'],
  },
  {
    code: 'cq-nanchuan',
    abbr: 'nc',
    name: '中国人民政治协商会议重庆市南川区委员会',
    shortName: '南川区政协',
    level: 'district',
    region: '重庆市南川区',
    parent: 'cq',
    prefix: '区',
    place: '南川',
    terms: [districtTerm(6, 2022)],
    committees: LOCAL_COMMITTEES,
    groups: ['东城委员小组', '西城委员小组', '南城委员小组', '工业园区委员小组', '金佛山片区委员小组'],
    studios: [{ name: '“唱响双城记”委员工作室', theme: '成渝地区双城经济圈合作事项', place: '南川区东城街道' }],
    collectives: [...partyCollectives('南川', '区委会', ['民盟', '民建', '九三学社']), { kind: 'people_org', name: '南川区工商业联合会', agentSector: '工商联' }],
    extraUnits: [
      { name: '区经济信息委', group: 'government', duties: '工业经济运行、非煤矿山产业、民营经济服务' },
      { name: '区招商投资局', group: 'government', duties: '招商引资、成渝合作项目对接' },
    ],
    memberCount: 42,
    namedMembers: [
      { name: '胡建中', gender: 'male', sector: '经济界', employer: '重庆南川恒石建材集团有限公司', standing: true, committees: ['经济委员会'] },
    ],
    towns: ['东城街道', '西城街道', '南城街道', '大观镇', '水江镇', '头渡镇'],
  },
  {
    code: 'cq-jiulongpo',
    abbr: 'jlp',
    name: '中国人民政治协商会议重庆市九龙坡区委员会',
    shortName: '九龙坡区政协',
    level: 'district',
    region: '重庆市九龙坡区',
    parent: 'cq',
    prefix: '区',
    place: '九龙坡',
    terms: [districtTerm(15, 2022)],
    committees: LOCAL_COMMITTEES,
    groups: ['杨家坪委员小组', '谢家湾委员小组', '石桥铺委员小组', '西彭委员小组'],
    studios: [{ name: '“数智九龙”委员工作室', theme: '智慧城市与基层数字治理', place: '九龙坡区谢家湾街道' }],
    collectives: [...partyCollectives('九龙坡', '区委会', ['民革', '民盟', '民进', '九三学社'])],
    extraUnits: [
      { name: '区大数据发展局', group: 'government', duties: '数字九龙坡建设、数据共享与数据安全' },
      { name: '区城市运行和治理中心', group: 'government', duties: '城市运行监测、“一件事”应用平台运行' },
    ],
    memberCount: 40,
    // the 九龙坡–新都 joint consultation (smart city)
    namedMembers: [
      { name: '林于廉', gender: 'male', sector: '科技界', employer: '九龙坡区某信息技术企业', standing: false, committees: ['经济委员会'], group: 1 },
      { name: '李杰', gender: 'male', sector: '经济界', employer: '九龙坡区谢家湾街道', standing: false, committees: ['经济委员会'], group: 0 },
    ],
    towns: ['杨家坪街道', '谢家湾街道', '石桥铺街道', '黄桷坪街道', '西彭镇', '陶家镇'],
  },
  {
    code: 'cq-kaizhou',
    abbr: 'kz',
    name: '中国人民政治协商会议重庆市开州区委员会',
    shortName: '开州区政协',
    level: 'district',
    region: '重庆市开州区',
    parent: 'cq',
    prefix: '区',
    place: '开州',
    terms: [districtTerm(3, 2022)],
    committees: LOCAL_COMMITTEES,
    groups: ['汉丰委员小组', '文峰委员小组', '云枫委员小组', '镇东委员小组', '白鹤委员小组'],
    studios: [{ name: '“花境开州”委员工作室', theme: '城市空间美化与城市管理', place: '开州区文峰街道' }],
    collectives: [...partyCollectives('开州', '区委会', ['民盟', '民建', '农工党'])],
    extraUnits: [{ name: '区城市管理局', group: 'government', duties: '市政设施、园林绿化、口袋公园与城市花境建设' }],
    memberCount: 45,
    namedMembers: [],
    towns: ['汉丰街道', '文峰街道', '云枫街道', '镇东街道', '白鹤街道', '赵家街道'],
  },
  {
    code: 'cq-rongchang',
    abbr: 'rc',
    name: '中国人民政治协商会议重庆市荣昌区委员会',
    shortName: '荣昌区政协',
    level: 'district',
    region: '重庆市荣昌区',
    parent: 'cq',
    prefix: '区',
    place: '荣昌',
    terms: [districtTerm(3, 2022)],
    committees: LOCAL_COMMITTEES,
    groups: ['昌元委员小组', '昌州委员小组', '广顺委员小组', '峰高委员小组'],
    studios: [{ name: '“荣猪兴业”委员工作室', theme: '生猪产业与畜牧科技成果转化', place: '荣昌区昌州街道' }],
    collectives: [...partyCollectives('荣昌', '区委会', ['民盟', '民进', '九三学社']), { kind: 'sector', name: '荣昌区政协农业界' }],
    extraUnits: [
      { name: '区招商投资局', group: 'government', duties: '招商引资、科技成果转化项目招商' },
      { name: '区畜牧发展中心', group: 'government', duties: '生猪产业发展、畜牧技术推广' },
      { name: '国家生猪技术创新中心', group: 'other', duties: '生猪种业与养殖技术创新、中试与成果转化' },
    ],
    memberCount: 44,
    namedMembers: [
      { name: '葛志鹏', gender: 'male', sector: '科技界', employer: '国家生猪技术创新中心', standing: false, committees: ['农业农村委员会'], account: 'rc_member' },
    ],
    towns: ['昌元街道', '昌州街道', '广顺街道', '峰高街道', '安富街道', '双河街道'],
  },
  {
    code: 'cq-banan',
    abbr: 'bn',
    name: '中国人民政治协商会议重庆市巴南区委员会',
    shortName: '巴南区政协',
    level: 'district',
    region: '重庆市巴南区',
    parent: 'cq',
    prefix: '区',
    place: '巴南',
    terms: [districtTerm(18, 2022)],
    committees: LOCAL_COMMITTEES,
    groups: ['龙洲湾委员小组', '鱼洞委员小组', '李家沱委员小组', '界石委员小组'],
    studios: [{ name: '“智慧社区”委员工作室', theme: '社区治理数字化与便民服务', place: '巴南区龙洲湾街道' }],
    collectives: [
      { kind: 'party', name: '民建巴南区委会', agentSector: '民建' },
      { kind: 'party', name: '民盟巴南区委会', agentSector: '民盟' },
      { kind: 'party', name: '九三学社巴南区委会', agentSector: '九三学社' },
      { kind: 'people_org', name: '巴南区妇女联合会', agentSector: '妇联' },
    ],
    extraUnits: [
      { name: '区大数据发展局', group: 'government', duties: '智慧社区平台、政务数据整合与共享' },
      { name: '区龙洲湾街道办事处', group: 'government', duties: '街道社区治理与便民服务' },
    ],
    memberCount: 42,
    namedMembers: [],
    towns: ['龙洲湾街道', '鱼洞街道', '李家沱街道', '界石镇', '南泉街道', '花溪街道'],
  },
  {
    code: 'cq-xiushan',
    abbr: 'xs',
    name: '中国人民政治协商会议秀山土家族苗族自治县委员会',
    shortName: '秀山县政协',
    level: 'county',
    region: '重庆市秀山土家族苗族自治县',
    parent: 'cq',
    prefix: '县',
    place: '秀山',
    terms: [
      { number: 10, startDate: '2019-01-08', endDate: '2023-12-31', sessions: [[1, '2019-01-08', '2019-01-11'], [2, '2020-01-07', '2020-01-10'], [3, '2021-01-12', '2021-01-15'], [4, '2022-01-11', '2022-01-14'], [5, '2023-01-10', '2023-01-13']] },
      { number: 11, startDate: '2024-01-08', endDate: null, sessions: [[1, '2024-01-08', '2024-01-11'], [2, '2025-01-06', '2025-01-09'], [3, '2026-01-12', '2026-01-15']] },
    ],
    committees: LOCAL_COMMITTEES,
    groups: ['洪安片区委员小组', '城区片区委员小组', '清溪场片区委员小组', '梅江片区委员小组', '石耶片区委员小组'],
    studios: [
      { name: '洪安片区政协委员工作室', theme: '群众出行、边贸发展与乡村振兴', place: '秀山县洪安镇' },
      { name: '梅江片区政协委员工作室', theme: '茶叶、金银花等特色产业', place: '秀山县梅江镇' },
    ],
    collectives: [
      { kind: 'party', name: '民盟秀山县支部', agentSector: '民盟' },
      { kind: 'party', name: '民建秀山县支部', agentSector: '民建' },
      { kind: 'party', name: '九三学社秀山县支社', agentSector: '九三学社' },
      { kind: 'people_org', name: '秀山县工商业联合会', agentSector: '工商联' },
      { kind: 'committee', name: '秀山县政协提案委员会' },
      { kind: 'group', name: '洪安片区委员小组（集体）' },
    ],
    extraUnits: [
      { name: '万方汽车运输公司', group: 'other', duties: '城乡公交与农村客运运营' },
      { name: '县民族宗教委', group: 'government', duties: '民族团结进步、宗教事务管理' },
      { name: '国网秀山供电公司', group: 'other', duties: '城乡电网建设与供电服务' },
    ],
    memberCount: 46,
    namedMembers: [
      { name: '田晓峰', gender: 'male', sector: '无党派人士', employer: '秀山县峨溶镇农业服务中心', group: 0, studio: '洪安片区政协委员工作室', committees: ['提案委员会'], account: 'xs_member' },
      { name: '邓明远', gender: 'male', sector: '中共', employer: '秀山县交通运输委', standing: true, committees: ['经济委员会'], group: 1 },
    ],
    towns: ['中和街道', '乌杨街道', '平凯街道', '洪安镇', '峨溶镇', '清溪场镇', '梅江镇', '石耶镇', '溶溪镇'],
  },
  {
    code: 'cd',
    abbr: 'cd',
    name: '中国人民政治协商会议四川省成都市委员会',
    shortName: '成都市政协',
    level: 'municipal',
    region: '四川省成都市',
    prefix: '市',
    place: '成都',
    terms: [
      { number: 17, startDate: '2022-01-06', endDate: null, sessions: [[1, '2022-01-06', '2022-01-10'], [2, '2023-01-05', '2023-01-09'], [3, '2024-01-08', '2024-01-11'], [4, '2025-01-09', '2025-01-12'], [5, '2026-01-08', '2026-01-11']] },
    ],
    committees: MUNICIPAL_COMMITTEES,
    groups: ['第一委员小组', '第二委员小组', '第三委员小组', '第四委员小组'],
    studios: [{ name: '“天府协商”委员工作室', theme: '公园城市建设与基层协商', place: '成都市青羊区' }],
    collectives: [...partyCollectives('成都', '市委会', ['民革', '民盟', '民建', '致公党'])],
    extraUnits: [{ name: '市网络理政办', group: 'government', duties: '智慧蓉城、城市运行和网络理政' }],
    memberCount: 50,
    namedMembers: [],
    towns: ['青羊区少城街道', '锦江区春熙路街道', '武侯区玉林街道', '成华区府青路街道', '高新区桂溪街道'],
  },
  {
    code: 'cd-jinniu',
    abbr: 'jn',
    name: '中国人民政治协商会议成都市金牛区委员会',
    shortName: '金牛区政协',
    level: 'district',
    region: '四川省成都市金牛区',
    parent: 'cd',
    prefix: '区',
    place: '金牛',
    terms: [districtTerm(11, 2022)],
    committees: LOCAL_COMMITTEES,
    groups: ['荷花池委员小组', '驷马桥委员小组', '茶店子委员小组', '沙河源委员小组'],
    studios: [{ name: '“蓉渝同行”委员工作室', theme: '成渝合作、物流与建材供应', place: '成都市金牛区荷花池街道' }],
    collectives: [...partyCollectives('金牛', '区委会', ['民盟', '民建', '九三学社'])],
    extraUnits: [{ name: '区口岸物流办', group: 'government', duties: '铁路物流、货运场站协调' }],
    memberCount: 38,
    namedMembers: [],
    towns: ['荷花池街道', '驷马桥街道', '茶店子街道', '沙河源街道', '营门口街道'],
  },
  {
    code: 'cd-xindu',
    abbr: 'xd',
    name: '中国人民政治协商会议成都市新都区委员会',
    shortName: '新都区政协',
    level: 'district',
    region: '四川省成都市新都区',
    parent: 'cd',
    prefix: '区',
    place: '新都',
    terms: [districtTerm(11, 2022)],
    committees: LOCAL_COMMITTEES,
    groups: ['新都街道委员小组', '大丰委员小组', '三河委员小组', '斑竹园委员小组'],
    studios: [{ name: '“香城智治”委员工作室', theme: '智慧城市与社区治理', place: '成都市新都区新都街道' }],
    collectives: [...partyCollectives('新都', '区委会', ['民革', '民盟', '民进'])],
    extraUnits: [
      { name: '区大数据发展局', group: 'government', duties: '智慧城市建设、数据接口与数据共享' },
      { name: '区智慧治理中心', group: 'government', duties: '城市运行监测与智慧治理' },
    ],
    memberCount: 40,
    // the 九龙坡–新都 joint consultation: 周云 (account xd_member)
    namedMembers: [{ name: '周云', gender: 'female', sector: '科技界', employer: '新都区某智能制造企业', standing: false, committees: ['经济委员会'], group: 0, account: 'xd_member' }],
    towns: ['新都街道', '大丰街道', '三河街道', '斑竹园街道', '桂湖街道'],
  },
];
