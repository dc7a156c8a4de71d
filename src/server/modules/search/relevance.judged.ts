/**
 * The judged query set for search relevance, over the demo data (src/server/demo), as the proposal office of the
 * 秀山 organization sees it (xs_proposal). Each query lists what a person typing it wants: subjects matching a
 * pattern with a grade (2 = what they mean, 1 = related). Patterns name the matter, not particular records, so a
 * change of demo data keeps the judgments meaningful. relevance.test.ts reports nDCG@10 and holds a floor.
 */
export interface Judged {
  q: string;
  relevant: Array<[RegExp, 2 | 1]>;
}

export const JUDGED_ORG = 'cq-xiushan';
export const JUDGED_ACCOUNT = 'xs_proposal';

export const JUDGED: Judged[] = [
  { q: '公交', relevant: [[/公交/, 2]] },
  { q: '峨溶', relevant: [[/峨溶/, 2]] },
  { q: '峨溶镇 公交线路', relevant: [[/峨溶.*公交|公交.*峨溶/, 2], [/公交/, 1]] },
  { q: '增开公交班次', relevant: [[/公交班次/, 2], [/公交/, 1]] },
  { q: '供水', relevant: [[/供水/, 2]] },
  { q: '集镇供水不稳定', relevant: [[/供水/, 2]] },
  { q: '养老', relevant: [[/养老/, 2], [/老人/, 1]] },
  { q: '医养结合', relevant: [[/医养结合/, 2]] },
  { q: '居家养老服务', relevant: [[/养老/, 2]] },
  { q: '留守老人关爱', relevant: [[/留守老人/, 2], [/养老/, 1]] },
  { q: '困境儿童保障', relevant: [[/困境儿童/, 2]] },
  { q: '乡村学校教师', relevant: [[/乡村学校教师/, 2]] },
  { q: '教师队伍建设', relevant: [[/教师队伍/, 2]] },
  { q: '中医药', relevant: [[/中医药/, 2]] },
  { q: '乡镇卫生院', relevant: [[/乡镇卫生院/, 2], [/中医药|医养/, 1]] },
  { q: '政务数据共享', relevant: [[/政务数据/, 2]] },
  { q: '减少重复填报', relevant: [[/重复填报/, 2]] },
  { q: '废弃矿山生态修复', relevant: [[/矿山/, 2]] },
  { q: '食品安全监管', relevant: [[/食品安全/, 2]] },
  { q: '电网改造', relevant: [[/电网/, 2]] },
  { q: '夏季用电', relevant: [[/用电/, 2]] },
  { q: '河流水环境治理', relevant: [[/水环境/, 2]] },
  { q: '青少年心理健康', relevant: [[/心理健康/, 2]] },
  { q: '高标准农田管护', relevant: [[/高标准农田/, 2]] },
  { q: '农村公路提档升级', relevant: [[/农村公路/, 2]] },
  { q: '电商 快递物流', relevant: [[/电商与快递/, 2], [/物流/, 1]] },
  { q: '冷链物流', relevant: [[/冷链/, 2], [/物流/, 1]] },
  { q: '学校周边交通安全', relevant: [[/交通安全/, 2], [/校园及周边/, 1]] },
  { q: '民族文化旅游品牌', relevant: [[/旅游品牌/, 2], [/民宿|传统村落/, 1]] },
  { q: '茶叶产业', relevant: [[/茶叶/, 2]] },
  { q: '农村人居环境整治', relevant: [[/人居环境/, 2], [/垃圾分类/, 1]] },
  { q: '垃圾分类', relevant: [[/垃圾分类/, 2], [/人居环境/, 1]] },
  { q: '职业教育产教融合', relevant: [[/职业教育/, 2]] },
  { q: '科技成果转化', relevant: [[/科技成果/, 2]] },
  { q: '企业研发投入', relevant: [[/研发投入/, 2]] },
  { q: '返乡创业园区', relevant: [[/返乡创业/, 2]] },
  { q: '民族团结进步', relevant: [[/民族团结/, 2]] },
  { q: '乡村民宿', relevant: [[/民宿/, 2], [/旅游品牌|传统村落/, 1]] },
  { q: '停车位', relevant: [[/停车/, 2]] },
  { q: '中小企业融资成本', relevant: [[/融资/, 2]] },
  { q: '营商环境', relevant: [[/营商环境/, 2]] },
  { q: '传统村落保护', relevant: [[/传统村落/, 2], [/民宿|旅游/, 1]] },
];
