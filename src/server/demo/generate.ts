import type { DemoOrg, DemoUnit } from './orgs';

/** A small deterministic PRNG (mulberry32), seeded per organization so the demo data is the same on every load. */
export function rng(seedText: string) {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.codePointAt(0)!) | 0;
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃向冉'.split('');
const MALE = '建国志强明华伟军涛斌磊勇鹏宇浩俊杰峰刚平辉波亮文武德海林松柏成江川远航启元正清永泽昊天宏博'.split('');
const FEMALE = '秀芳丽娟敏静霞琳燕婷雪梅兰萍玲慧颖倩洁莉云红艳璐佳欣怡蓉琴瑶晓丹青雯菲薇'.split('');
/** Names of people in the source stories: never generated, so no demo person carries a real name. */
const AVOID = new Set(['田晓波', '邓勇', '胡文建', '曾葵', '舒茂全', '葛良鹏', '肖建东', '徐小松', '李莉', '刘登平', '奚水', '袁建生', '周云', '林于廉', '李杰', '王江峰', '宋泓', '高洪波', '赵文明', '苟晓彬', '郭进军']);

/** A fictional two- or three-character Chinese name not yet used in `taken`. */
export function personName(r: Rng, gender: 'male' | 'female', taken: Set<string>): string {
  const pool = gender === 'male' ? MALE : FEMALE;
  for (;;) {
    const name = r.pick(SURNAMES) + r.pick(pool) + (r.chance(0.75) ? r.pick(pool) : '');
    if (!taken.has(name) && !AVOID.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** Employers that suit a member's sector; `{p}` is the place (秀山), `{x}` the department prefix (县). */
const EMPLOYERS: Record<string, string[]> = {
  中共: ['{p}{x}委办公室', '{p}{x}发展改革委', '{p}{x}财政局', '{p}{x}人力社保局', '{p}{x}乡村振兴局'],
  民革: ['{p}律师事务所', '{p}{x}司法局', '{p}城市建设投资有限公司'],
  民盟: ['{p}第一中学', '{p}实验小学', '{p}职业教育中心', '{p}第二中学'],
  民建: ['{p}鑫达商贸有限公司', '{p}宏远建设工程有限公司', '{p}农村商业银行支行', '{p}恒信会计师事务所'],
  民进: ['{p}实验中学', '{p}图书馆', '{p}文化馆', '{p}新华书店'],
  农工党: ['{p}人民医院', '{p}中医院', '{p}妇幼保健院', '{p}疾病预防控制中心'],
  致公党: ['{p}进出口贸易有限公司', '{p}侨联', '{p}国际物流有限公司'],
  九三学社: ['{p}农业科学研究所', '{p}生态环境监测站', '{p}气象局', '{p}水利水电勘测设计院'],
  无党派人士: ['{p}融媒体中心', '{p}第三中学', '{p}人民医院', '{p}税务局'],
  共青团: ['共青团{p}{x}委', '{p}青年创业协会'],
  工会: ['{p}{x}总工会', '{p}供电公司', '{p}自来水有限公司'],
  妇联: ['{p}{x}妇女联合会', '{p}巾帼家政服务有限公司'],
  工商联: ['{p}{x}工商业联合会', '{p}商会', '{p}金桥实业集团有限公司'],
  科技界: ['{p}{x}科技局', '{p}高新技术企业孵化中心', '{p}智能装备有限公司'],
  经济界: ['{p}建材集团有限公司', '{p}交通旅游投资集团', '{p}工业园区管委会', '{p}物流有限公司'],
  农业界: ['{p}绿源农业开发有限公司', '{p}茶叶专业合作社', '{p}{x}农业技术推广中心', '{p}生态养殖场'],
  教育界: ['{p}第一中学', '{p}民族中学', '{p}幼儿园', '{p}职业教育中心'],
  文化艺术界: ['{p}文化馆', '{p}非遗传习所', '{p}文物管理所', '{p}歌舞剧团'],
  医药卫生界: ['{p}人民医院', '{p}中医院', '{p}社区卫生服务中心', '{p}疾病预防控制中心'],
  社会福利和社会保障界: ['{p}{x}民政局', '{p}社会福利院', '{p}残疾人联合会', '{p}慈善会'],
  少数民族界: ['{p}{x}民族宗教委', '{p}民族文化研究会', '{p}花灯剧团'],
  宗教界: ['{p}佛教协会', '{p}基督教两会', '{p}道教协会'],
  特邀人士: ['{p}退休干部协会', '{p}{x}关工委', '{p}老年大学'],
};

export function employerFor(r: Rng, org: DemoOrg, sector: string): string {
  const template = r.pick(EMPLOYERS[sector] ?? EMPLOYERS['无党派人士']);
  return template.replaceAll('{p}', org.place).replaceAll('{x}', org.prefix);
}

/** A fictional mobile number in the 199 0000 xxxx block (demo data only). */
export const demoPhone = (n: number) => `1990000${String(n).padStart(4, '0')}`;

/** The departments every local government has; Sichuan names differ a little from Chongqing's. */
export function commonUnits(org: DemoOrg): DemoUnit[] {
  const x = org.prefix;
  const sichuan = org.code === 'cd' || org.code.startsWith('cd-');
  const u = (name: string, group: DemoUnit['group'], duties: string): DemoUnit => ({ name: `${x}${name}`, group, duties });
  return [
    u('委办公室', 'party', '党委日常运转、督查督办'),
    u('委组织部', 'party', '干部人才、基层党建'),
    u('委统战部', 'party', '统一战线、民主党派与无党派人士联络'),
    u('人大常委会办公室', 'npc', '人大常委会机关事务、代表联络'),
    u('政协办公室', 'cppcc', '政协机关综合事务'),
    u('发展改革委', 'government', '发展规划、重大项目、价格'),
    u(sichuan ? '教育局' : '教委', 'government', '基础教育、职业教育、校园安全'),
    u('科技局', 'government', '科技创新、成果转化、科技人才'),
    u('民政局', 'government', '社会救助、养老服务、社区治理'),
    u('财政局', 'government', '预算、资金保障'),
    u('规划自然资源局', 'government', '国土空间规划、用地保障、矿产资源'),
    u('生态环境局', 'government', '污染防治、生态保护'),
    u(sichuan ? '住房和城乡建设局' : '住房城乡建委', 'government', '住房保障、城乡建设、物业管理'),
    u(sichuan ? '交通运输局' : '交通运输委', 'government', '公路建设、城乡公交与客运、交通安全'),
    u(sichuan ? '农业农村局' : '农业农村委', 'government', '农业产业、农村改革、乡村振兴'),
    u(sichuan ? '卫生健康局' : '卫生健康委', 'government', '医疗服务、公共卫生、基层医疗'),
    u(sichuan ? '文化广电旅游局' : '文化旅游委', 'government', '文化事业、旅游发展、文物保护'),
    u('市场监管局', 'government', '市场主体、食品药品安全'),
  ];
}
