import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';

/**
 * Chinese word segmentation (jieba, in process, no downloads): the one place that cuts text into words, shared by
 * search indexing, similar-proposal lookup and the office's category / unit suggestions.
 *
 * The user dictionary holds CPPCC vocabulary and local place names so they stay whole words (政协委员, not 政协+委员).
 */
export const USER_WORDS: readonly string[] = [
  // bodies and roles
  '政协', '政协委员', '人民政协', '全国政协', '市政协', '区政协', '县政协', '常委会', '常务委员会', '主席会议',
  '专委会', '提案委员会', '界别', '委员工作室', '民主党派', '民建', '民盟', '民进', '农工党', '致公党', '九三学社',
  '工商联', '承办单位', '主办单位', '协办单位', '党组', '区委', '县委', '市委',
  // work and records
  '提案', '集体提案', '联名提案', '重点提案', '好提案', '立案', '并案', '交办', '办理', '办复', '答复函', '交办函',
  '面商', '社情民意', '社情民意信息', '履职', '履职档案', '协商议政', '专题协商', '双周协商', '对口协商', '界别协商',
  '联合协商', '网络议政', '民主监督', '视察', '专题视察', '调研报告', '问题清单', '转化落实', '批示', '建议案',
  '唱响双城记', '五个一', '成渝地区双城经济圈',
  // places in the seed stories
  '秀山', '峨溶', '峨溶镇', '南川', '南川区', '金牛', '金牛区', '养马河', '九龙坡', '九龙坡区', '新都', '新都区',
  '开州', '开州区', '荣昌', '荣昌区', '巴南', '巴南区', '重庆', '成都', '成都铁路局', '欣铁物流', '万方汽车运输公司',
  '县交通运输委', '渝石进川',
];

let instance: Jieba | undefined;
let tfidf: TfIdf | undefined;

function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(USER_WORDS.map((w) => `${w} 2000 n`).join('\n'), 'utf8'));
  }
  return instance;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** Search-mode words of `text` (long words and their parts), lower-cased, without spaces and punctuation. */
export function segment(text: string): string[] {
  if (!text) return [];
  return jieba()
    .cutForSearch(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && WORDLIKE.test(w));
}

/** Precise-mode words (no overlapping parts): for features and keyword extraction. */
export function cut(text: string): string[] {
  if (!text) return [];
  return jieba()
    .cut(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && WORDLIKE.test(w));
}

/** Space-joined search-mode words, ready for `to_tsvector('simple', …)`. */
export function segmentForIndex(text: string): string {
  return segment(text).join(' ');
}

/** The `n` most characteristic words of `text` by jieba's TF-IDF table (e.g. to find near-duplicates). */
export function keywords(text: string, n = 5): string[] {
  if (!tfidf) tfidf = TfIdf.withDict(idf);
  return tfidf.extractKeywords(jieba(), text, n).map((k) => k.keyword);
}
