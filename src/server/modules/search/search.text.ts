import { cut, keywords, segment } from '@server/lib/segment';

/** Words too common to help a query (they would only narrow an AND). */
const STOP = new Set(['的', '了', '和', '与', '及', '在', '对', '是', '把', '为', '有', '等', '之', '或', '而', '并', '关于', '进一步']);

/**
 * The organization token of the index vectors: the lexeme `o <id>` marks every organization that may see a row
 * (the owner, and for shared records the partner or party organizations), so that a query ANDs it in and the GIN
 * index intersects posting lists inside the caller's organizations instead of building a word's list over all of
 * them. PostgreSQL's parser never keeps a space inside a lexeme, so no indexed or typed word can equal it; it
 * is written without a position, so ts_rank over a query without it is unchanged.
 */
export const orgLexeme = (orgId: number): string => `o ${Math.trunc(orgId)}`;

/** tsvector text of the organization tokens (distinct, no positions), for `::tsvector`. */
export const orgTokensVector = (orgIds: number[]): string => [...new Set(orgIds.map(orgLexeme))].map((l) => `'${l}'`).join(' ');

/** tsquery text matching a row of any of the organizations, for `::tsquery`. */
export const orgTokensQuery = (orgIds: number[]): string => [...new Set(orgIds.map(orgLexeme))].map((l) => `'${l}'`).join(' | ');

/** Index text: search-mode words joined by spaces (long words and their parts), for `to_tsvector('simple', …)`. */
export const indexWords = (text: string): string => segment(text).join(' ');

/** The words of a typed query (precise mode, de-duplicated, without stop words); at most 12. */
export function queryWords(q: string): string[] {
  const words = [...new Set(cut(q))].filter((w) => !STOP.has(w));
  return words.slice(0, 12);
}

/** Words to mark in snippets: the query words and their search-mode parts, longest first. */
export function highlightWords(q: string): string[] {
  const words = new Set([...queryWords(q), ...segment(q).filter((w) => !STOP.has(w))]);
  return [...words].sort((a, b) => b.length - a.length);
}

/**
 * Words every proposal and reply uses (the form, not the matter): they would make any two proposals look alike.
 * Keyword extraction skips them; a typed query may still contain them.
 */
const BOILERPLATE = new Set([
  '建议',
  '提案',
  '推进',
  '加强',
  '完善',
  '推动',
  '加快',
  '进一步',
  '积极',
  '有效',
  '相关',
  '工作',
  '问题',
  '情况',
  '分析',
  '一是',
  '二是',
  '三是',
  '四是',
  '五是',
  '答复',
  '如下',
  '收悉',
  '您提出',
  '现答复',
  '我单位',
  '单位',
  '部门',
  '有关',
  '落实',
  '开展',
  '支持',
  '提高',
  '实现',
  '群众',
  '建立',
  '机制',
  '我们',
  '您的',
  '针对性',
  '较强',
  '下一步',
]);

/** The most characteristic words of a text (TF-IDF), for similar-record lookup. */
export const keyWords = (text: string, n: number): string[] =>
  [...new Set(keywords(text, n + 16).map((w) => w.toLowerCase()))]
    .filter((w) => !STOP.has(w) && !BOILERPLATE.has(w) && !/^\d+$/.test(w))
    .slice(0, n);

export interface Part {
  text: string;
  hit: boolean;
}

function escapeRe(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits `text` into plain and matched parts (case-insensitive); the UI renders hits as <mark>, never as HTML. */
export function markParts(text: string, words: string[]): Part[] {
  const ws = words.filter((w) => w.length > 0);
  if (!ws.length || !text) return text ? [{ text, hit: false }] : [];
  const re = new RegExp(ws.map(escapeRe).join('|'), 'giu');
  const out: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const i = m.index ?? 0;
    if (i > last) out.push({ text: text.slice(last, i), hit: false });
    out.push({ text: m[0], hit: true });
    last = i + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out;
}

/** A window of about `size` characters around the first match (or the start), with matches marked. */
export function snippet(text: string, words: string[], size = 110): Part[] {
  if (!text) return [];
  const lower = text.toLowerCase();
  let first = -1;
  for (const w of words) {
    const i = lower.indexOf(w.toLowerCase());
    if (i >= 0 && (first < 0 || i < first)) first = i;
  }
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(size / 3));
  const end = Math.min(text.length, start + size);
  const parts = markParts(text.slice(start, end), words);
  if (start > 0) parts.unshift({ text: '…', hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}

/** Visible text of sanitized HTML, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|li|h3|h4|tr|blockquote)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
