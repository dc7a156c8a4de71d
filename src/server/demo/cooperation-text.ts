/** Texts of the demo cooperation data (南川 campaign 唱响双城记·建功新南川 and the 南川–金牛 "渝石进川" item). */

type PointStatus = 'not_started' | 'in_progress' | 'done' | 'blocked';
export interface DemoCoopItem {
  title: string;
  summary: string;
  status: 'active' | 'completed' | 'suspended';
  reason?: string;
  created: string;
  updated?: string;
  /** `org` = an organization code of the demo; otherwise an outside body by name. The first party is 南川. */
  parties: Array<{ org?: string; name?: string }>;
  points: Array<{ content: string; owner: number; target?: string; due?: string; status: PointStatus; evidence?: string; evidenceRef?: string }>;
  progress?: Array<{ day: string; body: string; point?: number | null; by: 'nc' | 'jn' }>;
}

export const YUSHI = {
  studioDescription:
    '工作室聚焦成渝地区双城经济圈建设，组织委员围绕企业纾困、产业协作和跨区域合作事项开展微协商、联合调研，推动合作事项落地见效。',
  meetingTopic: '“唱响双城记”委员工作室微协商：建材企业物流成本与“渝石进川”',
  meetingAgenda: '<p>一、胡建中委员介绍企业建材运往成都面临的运力和物流成本问题</p><p>二、委员讨论</p><p>三、商定与金牛区政协联合考察对接</p>',
  meetingMinutes:
    '<p>胡建中委员反映：企业建材主要销往成都，公路运输成本高、运力不稳。会议建议借助成渝双城合作机制，与金牛区政协联合对接成都铁路局和物流企业，争取铁路专列和成都端卸货点。</p>',
  visitTopic: '南川—金牛政协联合考察座谈：“渝石进川”铁路物流合作',
  visitMinutes:
    '<p>两地政协与成都铁路局、欣铁物流座谈，形成三项共识：一是养马河站每日两趟列车中的一趟作为“渝石进川”专列；二是在成都端增设 1—2 个卸货点；三是公路物流成本由相关方合理分担。</p>',
  campaignDescription:
    '南川区政协围绕成渝地区双城经济圈建设开展的委员履职实践活动：以委员工作室为平台，联合成都、重庆相关区县政协，推动一批跨区域合作事项落地，唱响双城记、建功新南川。',
};

const NC = { org: 'cq-nanchuan' };
const JN = { org: 'cd-jinniu' };
const XD = { org: 'cd-xindu' };
const JLP = { org: 'cq-jiulongpo' };

export const COOP_ITEMS: DemoCoopItem[] = [
  {
    title: '“渝石进川”：南川建材经铁路运往成都合作事项',
    summary:
      '“唱响双城记”委员工作室微协商中，胡建中委员反映企业建材运往成都物流成本高。经南川、金牛两地政协联合考察座谈，与成都铁路局、欣铁物流达成三项共识，由各方分工推进。',
    status: 'active',
    created: '2025-05-23',
    updated: '2026-03-20',
    parties: [NC, JN, { name: '成都铁路局' }, { name: '欣铁物流' }],
    points: [
      { content: '养马河站每日两趟列车中的一趟作为“渝石进川”专列', owner: 2, target: '每日 1 趟专列稳定开行', due: '2025-10-31', status: 'done', evidence: '2025 年 9 月起专列每日开行，9—10 月累计发运建材 4.2 万吨', evidenceRef: '成都铁路局货运部复函（2025-09-05）' },
      { content: '在成都端增设 1—2 个卸货点', owner: 1, target: '新增卸货点 1—2 个', due: '2026-06-30', status: 'in_progress' },
      { content: '公路短驳物流成本由相关方合理分担', owner: 3, target: '签订成本分担协议', due: '2026-03-31', status: 'in_progress' },
    ],
    progress: [
      { day: '2025-06-10', point: 0, by: 'nc', body: '与成都铁路局货运部对接专列开行方案，明确装车时间窗口。' },
      { day: '2025-09-05', point: 0, by: 'nc', body: '成都铁路局复函同意养马河站每日一趟列车作为专列，9 月 8 日首发。' },
      { day: '2025-11-12', point: 1, by: 'jn', body: '金牛区口岸物流办牵头，荷花池货场首个卸货点完成场地平整。' },
      { day: '2026-01-15', point: 2, by: 'nc', body: '欣铁物流提出短驳成本分担测算方案，企业与物流公司正在协商。' },
      { day: '2026-03-20', point: 1, by: 'jn', body: '第二个卸货点选址初定在成都北编组站周边，正在征求铁路部门意见。' },
    ],
  },
  {
    title: '南川方竹笋进入成都农产品批发市场',
    summary: '推动南川方竹笋等特色农产品在成都主要批发市场设立销售专区。',
    status: 'completed',
    created: '2025-04-02',
    updated: '2025-10-20',
    parties: [NC, JN, { name: '成都农产品中心批发市场' }],
    points: [
      { content: '在成都农产品中心批发市场设立南川特色农产品专区', owner: 2, status: 'done', evidence: '专区于 2025 年 9 月开业，首月销售方竹笋 80 吨' },
      { content: '组织两地农业经营主体对接会', owner: 1, status: 'done', evidence: '2025 年 6 月对接会签约 12 个项目' },
    ],
    progress: [{ day: '2025-09-28', point: 0, by: 'jn', body: '专区开业，金牛区政协委员现场调研。' }],
  },
  {
    title: '金佛山—青城山文旅线路互推',
    summary: '两地景区互推旅游线路，互相给予门票优惠。',
    status: 'completed',
    created: '2025-03-20',
    updated: '2025-08-15',
    parties: [NC, JN, { name: '金佛山旅游集团' }],
    points: [{ content: '推出“金佛山—青城山”联游线路并互认优惠', owner: 2, status: 'done', evidence: '2025 年暑期联游线路接待游客 1.3 万人次' }],
  },
  {
    title: '南川中医药产业与成都中医药院校合作',
    summary: '推动南川中药材种植基地与成都中医药院校开展科研合作。',
    status: 'active',
    created: '2025-06-18',
    parties: [NC, { name: '成都中医药大学' }],
    points: [
      { content: '共建中药材良种繁育试验基地', owner: 1, due: '2026-06-30', status: 'in_progress' },
      { content: '每年联合培养基层中药材技术人员 50 名', owner: 0, status: 'not_started' },
    ],
  },
  {
    title: '川渝政务服务“跨省通办”专窗',
    summary: '在两地政务服务中心设立“川渝通办”专窗，方便企业群众异地办事。',
    status: 'completed',
    created: '2025-03-28',
    updated: '2025-07-01',
    parties: [NC, JN],
    points: [{ content: '两地政务服务中心各设 1 个“川渝通办”专窗', owner: 0, status: 'done', evidence: '2025 年 7 月 1 日两地专窗同步启用' }],
  },
  {
    title: '两地委员企业供需对接',
    summary: '组织两地政协委员企业开展产品供需对接，促进建材、食品等产品互供。',
    status: 'active',
    created: '2025-07-10',
    parties: [NC, JN, XD],
    points: [
      { content: '每半年举办一次委员企业供需对接会', owner: 0, status: 'in_progress' },
      { content: '建立两地委员企业产品目录', owner: 1, status: 'done', evidence: '目录收录企业 86 家' },
    ],
  },
  {
    title: '南川工业园区与金牛区商协会结对',
    summary: '南川工业园区与金牛区相关商协会建立结对关系，开展招商推介。',
    status: 'active',
    created: '2025-08-05',
    parties: [NC, JN, { name: '金牛区工商联' }],
    points: [{ content: '联合举办招商推介会 2 场', owner: 2, due: '2026-05-31', status: 'in_progress' }],
  },
  {
    title: '成渝地区农村电商人才共育',
    summary: '两地联合开展农村电商带头人培训。',
    status: 'suspended',
    reason: '培训承办机构调整，待重新确定后恢复',
    created: '2025-05-12',
    parties: [NC, XD, { name: '成都农村电商协会' }],
    points: [{ content: '联合培训农村电商带头人 200 名', owner: 2, status: 'blocked' }],
  },
  {
    title: '金佛山旅游专列开行',
    summary: '争取开行成都至南川的金佛山旅游专列。',
    status: 'active',
    created: '2025-10-08',
    parties: [NC, JN, { name: '成都铁路局' }],
    points: [{ content: '旅游旺季每周开行 1 趟旅游专列', owner: 2, due: '2026-07-31', status: 'not_started' }],
  },
  {
    title: '南川茶叶参展成都茶博会',
    summary: '组织南川茶企参加成都国际茶业博览会。',
    status: 'completed',
    created: '2025-02-20',
    updated: '2025-06-30',
    parties: [NC, JN],
    points: [{ content: '组织 10 家以上南川茶企参展', owner: 0, status: 'done', evidence: '14 家茶企参展，现场签约 360 万元' }],
  },
  {
    title: '两地政协提案办理经验交流',
    summary: '南川与九龙坡、金牛区政协交流提案办理协商的做法。',
    status: 'active',
    created: '2025-11-03',
    parties: [NC, JLP, JN],
    points: [{ content: '互派人员跟班学习提案办理协商', owner: 1, due: '2026-06-30', status: 'in_progress' }],
  },
  {
    title: '南川—新都智慧社区建设互学互鉴',
    summary: '学习新都区智慧社区建设经验，在南川选取 2 个社区试点。',
    status: 'active',
    created: '2025-12-01',
    parties: [NC, XD],
    points: [{ content: '在东城街道选取 2 个社区开展智慧社区试点', owner: 0, due: '2026-09-30', status: 'in_progress' }],
  },
];
