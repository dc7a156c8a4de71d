/**
 * The proposal draft editor's values (案由, body, category, suggested units, public or not) and how they compare,
 * kept apart from the page so the rules of "what counts as unsaved" are testable without a browser.
 */
import { htmlToText } from '../../proposals';

export interface DraftValues {
  subject: string;
  body: string;
  categoryId: number | null;
  /** 建议承办单位, in the order the proposer picked them. */
  suggestedUnitIds: number[];
  isPublic: boolean;
}

interface DraftSource {
  subject: string;
  body: string;
  categoryId: number | null;
  suggestedUnitIds: number[];
  isPublic: boolean;
}

export const valuesOf = (p: DraftSource): DraftValues => ({
  subject: p.subject,
  body: htmlToText(p.body),
  categoryId: p.categoryId,
  suggestedUnitIds: [...p.suggestedUnitIds],
  isPublic: p.isPublic,
});

const sameIds = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const sameValues = (a: DraftValues, b: DraftValues) =>
  a.subject === b.subject &&
  a.body === b.body &&
  (a.categoryId ?? null) === (b.categoryId ?? null) &&
  sameIds(a.suggestedUnitIds, b.suggestedUnitIds) &&
  a.isPublic === b.isPublic;

/** The form's values with defaults filled in. */
export const readValues = (v: Partial<DraftValues>): DraftValues => ({
  subject: v.subject ?? '',
  body: v.body ?? '',
  categoryId: v.categoryId ?? null,
  suggestedUnitIds: Array.isArray(v.suggestedUnitIds) ? v.suggestedUnitIds.filter((x) => Number.isSafeInteger(x)) : [],
  isPublic: v.isPublic ?? true,
});

/**
 * Values kept on this device, over the server's: a field the stored copy does not have (it was typed before the
 * editor had that field, or the copy is damaged) keeps the server's value instead of being emptied — otherwise
 * opening an old draft would "restore" an empty unit list over the units already saved.
 */
export function restoreValues(stored: unknown, server: DraftValues): DraftValues {
  if (!stored || typeof stored !== 'object') return server;
  const s = stored as Record<string, unknown>;
  return {
    subject: typeof s.subject === 'string' ? s.subject : server.subject,
    body: typeof s.body === 'string' ? s.body : server.body,
    categoryId: s.categoryId === null || typeof s.categoryId === 'number' ? s.categoryId : server.categoryId,
    suggestedUnitIds:
      Array.isArray(s.suggestedUnitIds) && s.suggestedUnitIds.every((x) => Number.isSafeInteger(x))
        ? (s.suggestedUnitIds as number[])
        : server.suggestedUnitIds,
    isPublic: typeof s.isPublic === 'boolean' ? s.isPublic : server.isPublic,
  };
}

/** The fields the PATCH sends (the body goes as HTML). */
export const DRAFT_FIELDS = ['subject', 'body', 'categoryId', 'suggestedUnitIds', 'isPublic'] as const;


/**
 * Co-signers who have not answered yet: the server refuses 提交 while there is one (`proposal_cosigners_pending`,
 * counting every proposer row still `invited`), so the page says so before the proposer tries.
 */
export const waitingCosigners = (proposers: readonly { name: string; status: string }[]): string[] =>
  proposers.filter((x) => x.status === 'invited').map((x) => x.name);
