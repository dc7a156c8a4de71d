/** Pure helpers of the unit inbox and the reply dialog (no React, unit-tested). */

interface Clocked {
  status: string;
  role: string;
  opinionDue: string | null;
  workdaysLeft: number;
}

/**
 * Whether the clock this unit is on has run out: a co-unit in hand is late when its opinion is (it never replies
 * itself, so the reply deadline is not its own); the other units in hand when the reply is.
 */
export function isOverdue(r: Clocked, today: string): boolean {
  if (r.status !== 'received') return false;
  if (r.role === 'co' && r.opinionDue) return r.opinionDue < today;
  return r.workdaysLeft < 0;
}

export interface SignOutcome {
  signed: number;
  /** Rows that were refused (changed meanwhile, window closed…), with the server's message. */
  failed: Array<{ id: number; message: string }>;
}

/**
 * 批量签收: signs the rows one by one through the ordinary 签收 step (each with its own version, so a row changed
 * meanwhile is refused on its own), and goes on after a refusal so one stale row never blocks the rest.
 */
export async function signEach(
  rows: ReadonlyArray<{ id: number; version: number }>,
  signOne: (row: { id: number; version: number }) => Promise<unknown>,
  onProgress?: (done: number) => void,
): Promise<SignOutcome> {
  const out: SignOutcome = { signed: 0, failed: [] };
  for (const [i, r] of rows.entries()) {
    try {
      await signOne(r);
      out.signed++;
    } catch (err) {
      out.failed.push({ id: r.id, message: err instanceof Error ? err.message : String(err) });
    }
    onProgress?.(i + 1);
  }
  return out;
}

/** Rows of the page the 批量签收 button signs: those whose abilities still include 签收. */
export const signable = <T extends { abilities: readonly string[] }>(rows: readonly T[]): T[] =>
  rows.filter((r) => r.abilities.includes('sign'));

export interface ReplyDefaults {
  signer?: string;
  /** The 文号 up to its serial number, e.g. "秀交函〔2026〕". */
  docNumber?: string;
}

/**
 * What the unit's next reply starts with: the same signer as its last reply and the 文号 prefix with the serial
 * number left for the clerk (a unit's replies are signed by the same leader under one series).
 */
export function replyDefaultsFrom(last: { signer?: unknown; docNumber?: unknown } | null | undefined): ReplyDefaults {
  const out: ReplyDefaults = {};
  if (typeof last?.signer === 'string' && last.signer.trim()) out.signer = last.signer.trim();
  if (typeof last?.docNumber === 'string' && last.docNumber.trim()) {
    const doc = last.docNumber.trim();
    // Keep everything before the trailing serial ("12号" / "12"); a number with no serial is kept whole.
    const m = /^(.*?)\d+\s*号?$/u.exec(doc);
    const prefix = m ? m[1] : doc;
    if (prefix) out.docNumber = prefix;
  }
  return out;
}

export const replyDefaultsKey = (unitId: number) => `xs.reply-defaults.${unitId}`;
