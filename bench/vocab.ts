/**
 * The benchmark's own Chinese vocabulary: place names, surnames (weighted roughly by frequency), given-name
 * characters, sectors, committees, employers and handling units. Everything here is written for the
 * benchmark; nothing is copied from /work/shared. Generated people are fictional.
 */

/** A small deterministic PRNG (mulberry32); the same seed always produces the same database. */
export function makeRng(seed: number) {
  let s = seed | 0;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)],
    chance: (p: number) => next() < p,
    /** Picks by cumulative weights (see `cumulative`). */
    weighted: <T>(items: readonly T[], cum: readonly number[]): T => {
      const x = next() * cum[cum.length - 1];
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      return items[lo];
    },
  };
}
export type Rng = ReturnType<typeof makeRng>;

export const cumulative = (weights: readonly number[]) => {
  let acc = 0;
  return weights.map((w) => (acc += w));
};

/** Surnames with rough relative frequencies (per mille of the population, rounded). */
const SURNAME_TABLE: Array<[string, number]> = [
  ['王', 72], ['李', 70], ['张', 66], ['刘', 53], ['陈', 45], ['杨', 31], ['黄', 22], ['赵', 20], ['吴', 19], ['周', 18],
  ['徐', 13], ['孙', 12], ['马', 12], ['朱', 11], ['胡', 11], ['郭', 10], ['何', 10], ['高', 9], ['林', 9], ['罗', 9],
  ['郑', 8], ['梁', 8], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 6], ['冯', 5], ['邓', 5], ['曹', 5],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 4], ['于', 4], ['蒋', 4], ['蔡', 4],
  ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['沈', 3],
  ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 3], ['谭', 3], ['陆', 2], ['汪', 2], ['范', 2], ['金', 2],
  ['石', 2], ['廖', 2], ['贾', 2], ['夏', 2], ['韦', 2], ['付', 2], ['方', 2], ['白', 2], ['邹', 2], ['孟', 2],
  ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['段', 2], ['雷', 2], ['侯', 2], ['龙', 2],
  ['史', 1], ['陶', 1], ['黎', 1], ['贺', 1], ['顾', 1], ['毛', 1], ['郝', 1], ['龚', 1], ['邵', 1], ['万', 1],
  ['覃', 1], ['向', 1], ['冉', 1], ['欧阳', 1], ['司马', 0.2], ['诸葛', 0.1], ['上官', 0.1],
];
export const SURNAMES = SURNAME_TABLE.map(([s]) => s);
export const SURNAME_CUM = cumulative(SURNAME_TABLE.map(([, w]) => w));

const MALE_CHARS = '建国志强明华伟军涛斌磊勇鹏宇浩俊杰峰刚平辉波亮文武德海林松柏成江川远航启元正清永泽昊天宏博良超凯晨旭东兴荣庆祥福'.split('');
const FEMALE_CHARS = '秀芳丽娟敏静霞琳燕婷雪梅兰萍玲慧颖倩洁莉云红艳璐佳欣怡蓉琴瑶晓丹青雯菲薇珍凤桂英淑晶月'.split('');

/** A two-character (about 30%) or three-character name; compound surnames make four-character names rare. */
export function personName(r: Rng, gender: 'male' | 'female'): string {
  const pool = gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
  const surname = r.weighted(SURNAMES, SURNAME_CUM);
  return surname + r.pick(pool) + (r.chance(0.7) ? r.pick(pool) : '');
}

/** Districts and counties used to name organizations (some real place names; the data is fictional). */
export const PLACES = [
  '渝中', '江北', '南岸', '九龙坡', '沙坪坝', '大渡口', '北碚', '渝北', '巴南', '涪陵', '万州', '黔江', '长寿', '江津',
  '合川', '永川', '南川', '綦江', '大足', '璧山', '铜梁', '潼南', '荣昌', '开州', '梁平', '武隆', '城口', '丰都',
  '垫江', '忠县', '云阳', '奉节', '巫山', '巫溪', '石柱', '秀山', '酉阳', '彭水', '双流', '新都', '温江', '郫都',
  '金牛', '武侯', '青羊', '锦江', '成华', '龙泉驿', '新津', '都江堰', '彭州', '邛崃', '崇州', '简阳', '金堂', '大邑',
  '蒲江', '慈溪', '余姚', '鄞州', '海曙', '江北新', '镇海', '北仑', '奉化', '宁海', '象山', '江阴', '宜兴', '常熟',
  '张家港', '昆山', '太仓', '吴江', '吴中', '相城', '姑苏', '虎丘', '溧阳', '金坛', '武进', '新北', '天宁', '钟楼',
  '海门', '启东', '如皋', '海安', '如东', '通州', '崇川', '东台', '大丰', '建湖', '射阳', '阜宁', '滨海', '响水',
];

export const SECTORS = [
  '中国共产党', '中国国民党革命委员会', '中国民主同盟', '中国民主建国会', '中国民主促进会', '中国农工民主党', '中国致公党',
  '九三学社', '台湾民主自治同盟', '无党派人士', '中国共产主义青年团', '中华全国总工会', '中华全国妇女联合会',
  '中华全国青年联合会', '中华全国工商业联合会', '科学技术界', '中华全国台湾同胞联谊会', '中华全国归国华侨联合会',
  '文化艺术界', '科学技术协会', '新闻出版界', '经济界', '农业界', '教育界', '体育界', '医药卫生界', '对外友好界',
  '社会福利和社会保障界', '少数民族界', '宗教界', '特邀香港人士', '特邀澳门人士', '特别邀请人士', '环境资源界',
];

export const COMMITTEES = [
  '提案委员会', '经济委员会', '农业和农村委员会', '人口资源环境委员会', '教科卫体委员会', '社会和法制委员会',
  '民族和宗教委员会', '港澳台侨和外事委员会', '文化文史和学习委员会', '社会建设委员会',
];

/** Employer templates; `{p}` is the place, `{x}` the administrative suffix (区/县). */
export const EMPLOYERS = [
  '{p}{x}人民医院', '{p}{x}中医院', '{p}{x}妇幼保健院', '{p}{x}疾病预防控制中心', '{p}第一中学', '{p}第二中学', '{p}实验小学',
  '{p}职业教育中心', '{p}{x}发展和改革委员会', '{p}{x}财政局', '{p}{x}教育委员会', '{p}{x}农业农村委员会', '{p}{x}司法局',
  '{p}{x}总工会', '{p}{x}妇女联合会', '{p}{x}工商业联合会', '{p}{x}科学技术协会', '{p}{x}融媒体中心', '{p}{x}文化馆',
  '{p}{x}图书馆', '{p}农村商业银行', '{p}宏远建设工程有限公司', '{p}鑫达商贸有限公司', '{p}绿源农业开发有限公司',
  '{p}交通旅游投资集团有限公司', '{p}城市建设投资有限公司', '{p}智能装备制造有限公司', '{p}恒信会计师事务所',
  '{p}正义律师事务所', '{p}茶叶专业合作社', '{p}生态养殖专业合作社', '{p}工业园区管理委员会', '{p}供电公司',
  '{p}自来水有限公司', '{p}天然气有限责任公司', '{p}新华书店', '{p}物流有限公司', '{p}电子科技有限公司',
  '{p}食品有限公司', '{p}{x}乡村振兴局', '{p}{x}生态环境局', '{p}{x}住房和城乡建设委员会', '{p}{x}卫生健康委员会',
  '{p}民族中学', '{p}幼儿园', '{p}{x}文物管理所', '{p}歌舞剧团', '{p}{x}气象局', '{p}水利水电勘测设计院',
  '{p}{x}人民检察院', '{p}{x}人民法院', '{p}佛教协会', '{p}{x}残疾人联合会', '{p}{x}红十字会',
];

export const ROADS = ['人民路', '解放路', '建设路', '新华街', '中山路', '滨江路', '文化路', '北城大道', '南湖路', '学府路', '工业大道', '长江路'];

/** Handling units per unit group; `{p}{x}` as in EMPLOYERS. */
export const UNITS: Record<'party' | 'npc' | 'government' | 'cppcc' | 'other', string[]> = {
  party: ['{p}{x}委办公室', '{p}{x}委组织部', '{p}{x}委宣传部', '{p}{x}委统战部', '{p}{x}委政法委员会', '{p}{x}委机构编制委员会办公室', '{p}{x}纪委监委'],
  npc: ['{p}{x}人大常委会办公室', '{p}{x}人大常委会法制工作委员会'],
  government: [
    '{p}{x}政府办公室', '{p}{x}发展和改革委员会', '{p}{x}教育委员会', '{p}{x}科学技术局', '{p}{x}经济和信息化委员会',
    '{p}{x}公安局', '{p}{x}民政局', '{p}{x}司法局', '{p}{x}财政局', '{p}{x}人力资源和社会保障局', '{p}{x}规划和自然资源局',
    '{p}{x}生态环境局', '{p}{x}住房和城乡建设委员会', '{p}{x}城市管理局', '{p}{x}交通运输委员会', '{p}{x}水利局',
    '{p}{x}农业农村委员会', '{p}{x}商务委员会', '{p}{x}文化和旅游发展委员会', '{p}{x}卫生健康委员会', '{p}{x}退役军人事务局',
    '{p}{x}应急管理局', '{p}{x}审计局', '{p}{x}市场监督管理局', '{p}{x}体育局', '{p}{x}统计局', '{p}{x}医疗保障局',
    '{p}{x}林业局', '{p}{x}乡村振兴局', '{p}{x}大数据发展局', '{p}{x}税务局', '{p}{x}消防救援支队', '{p}{x}供销合作社',
    '{p}{x}气象局', '{p}{x}烟草专卖局', '{p}{x}邮政管理局',
  ],
  cppcc: ['{p}{x}政协办公室', '{p}{x}政协提案委员会'],
  other: [
    '{p}供电公司', '{p}自来水有限公司', '{p}交通旅游投资集团有限公司', '{p}城市建设投资有限公司', '{p}公共交通有限公司',
    '{p}天然气有限责任公司', '{p}移动通信分公司', '{p}电信分公司', '{p}联通分公司', '{p}工业园区管理委员会',
    '{p}高速公路管理处', '{p}铁路车站', '{p}汽车运输有限公司', '{p}农村商业银行',
  ],
};

export const UNIT_DUTIES = ['负责本行业发展规划和政策落实', '承担辖区内相关行政审批和监管', '组织实施重点民生项目', '负责公共服务设施建设和运营', '指导协调相关领域改革工作'];

export const PARTIES = ['民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '台盟'];
export const PEOPLE_ORGS = ['工会', '共青团', '妇联', '工商联', '科协', '侨联'];
export const STUDIO_THEMES = ['乡村振兴', '基层治理', '生态环保', '医疗健康', '教育发展', '民营经济', '文化传承', '法律服务'];

/** Words to search member names and employers by (the `q` filter of the member list). */
export const MEMBER_QUERIES = ['王', '李', '张', '陈', '医院', '中学', '有限公司', '建', '华', '委员会', '律师', '农业'];
