import type { ProposalState } from '@common/proposals';
import type { ProposalItem } from '../../proposals';

type Row = Pick<ProposalItem, 'id' | 'abilities' | 'submittedAt' | 'state'>;

/** States from 交办 on: the proposal has a 交办函 (as the server's ASSIGNED_STATES). */
const LETTER_STATES: readonly ProposalState[] = ['assigned', 'handling', 'replied', 'evaluated', 'closed', 'rehandling'];
export const hasLetter = (r: Pick<Row, 'state'>) => LETTER_STATES.includes(r.state);

/** A row the clerk may tick in the intake list: to register (立案), to assign (交办) or to print its 交办函. */
export const actionable = (r: Pick<Row, 'abilities' | 'state'>) =>
  r.abilities.includes('register') || r.abilities.includes('assign') || hasLetter(r);

/**
 * The ticked rows each bulk action applies to, from the rows loaded now (a ticked row that left the list, or whose
 * abilities changed, counts for nothing). 立案 numbers in submission order, oldest first, as the office numbers them.
 */
export function bulkTargets<T extends Row>(items: T[], selected: number[]): { register: T[]; assign: T[]; letters: T[] } {
  const picked = items.filter((i) => selected.includes(i.id));
  const register = picked
    .filter((i) => i.abilities.includes('register'))
    .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id - b.id);
  return { register, assign: picked.filter((i) => i.abilities.includes('assign')), letters: picked.filter(hasLetter) };
}

/** The intake list's filters, kept in the address so that opening a proposal and coming back keeps them. */
export interface ReviewFilters {
  state?: ProposalState;
  sessionId?: number;
  categoryId?: number;
  kind?: ProposalItem['kind'];
  q?: string;
}

const positive = (v: string | null) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);

/** Filters from the query string; no `state` parameter means the default (已提交), `state=` means every state. */
export function filtersFromSearch(sp: URLSearchParams, states: readonly string[], kinds: readonly string[]): ReviewFilters {
  const state = sp.get('state');
  const kind = sp.get('kind');
  return {
    state: state === null ? 'submitted' : states.includes(state) ? (state as ProposalState) : undefined,
    sessionId: positive(sp.get('sessionId')),
    categoryId: positive(sp.get('categoryId')),
    kind: kind && kinds.includes(kind) ? (kind as ReviewFilters['kind']) : undefined,
    q: sp.get('q')?.trim() || undefined,
  };
}

/** The query string of `filters` (the default state is left out; "every state" is `state=`). */
export function searchOfFilters(f: ReviewFilters): URLSearchParams {
  const sp = new URLSearchParams();
  if (f.state !== 'submitted') sp.set('state', f.state ?? '');
  if (f.sessionId) sp.set('sessionId', String(f.sessionId));
  if (f.categoryId) sp.set('categoryId', String(f.categoryId));
  if (f.kind) sp.set('kind', f.kind);
  if (f.q) sp.set('q', f.q);
  return sp;
}

/** What the intake list hands to a proposal it opens: its query string and the order of its loaded rows. */
export interface ReviewWalk {
  reviewSearch: string;
  ids: number[];
}

/** The walk from router state, if the page was opened from the intake list (anything else is ignored). */
export function walkOf(state: unknown): ReviewWalk | null {
  const w = state as Partial<ReviewWalk> | null;
  return w && typeof w.reviewSearch === 'string' && Array.isArray(w.ids) && w.ids.every((x) => typeof x === 'number')
    ? { reviewSearch: w.reviewSearch, ids: w.ids }
    : null;
}

/** The row after `id` in the list the clerk opened it from (null at the end, or when `id` is not in it). */
export function nextInWalk(walk: ReviewWalk | null, id: number): number | null {
  if (!walk) return null;
  const i = walk.ids.indexOf(id);
  return i >= 0 && i + 1 < walk.ids.length ? walk.ids[i + 1] : null;
}
