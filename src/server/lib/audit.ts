import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';
import { auditHeads, auditLog } from '@server/db/schema/index';

export interface AuditActor {
  accountId: number | null;
  name: string;
  requestId: string;
}

export interface AuditEntry {
  orgId: number | null;
  entityType: string;
  entityId: string | number;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string;
  /**
   * When it happened, for records brought in after the fact (demo data, imports of history); defaults to now.
   * The chain order stays the order of writing; this only sets the row's time.
   */
  at?: Date;
  /** Who did it, when written on behalf of several people at once (demo data); defaults to the call's actor. */
  actor?: AuditActor;
}

const GENESIS = '0'.repeat(64);
const chainKeyOf = (orgId: number | null) => (orgId == null ? 'platform' : String(orgId));

/** Stable JSON: keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Drops secrets from before/after summaries. */
function scrub(v: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!v) return null;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (/password|token|secret/i.test(k)) continue;
    out[k] = val instanceof Date ? val.toISOString() : val;
  }
  return JSON.parse(canonicalJson(out)) as Record<string, unknown>;
}

/**
 * Appends an audit row inside the caller's transaction. The chain head row is locked so concurrent
 * writers of one organization append one after another and the chain never forks.
 */
export async function writeAudit(tx: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await writeAuditMany(tx, actor, entry.orgId, [entry]);
}

/**
 * Appends many rows to one organization's chain with a single head lock and bulk inserts (imports, demo data):
 * the same rows `writeAudit` would write one by one, at a fraction of the statements.
 */
export async function writeAuditMany(tx: DbOrTx, actor: AuditActor, orgId: number | null, entries: Array<Omit<AuditEntry, 'orgId'>>): Promise<void> {
  if (entries.length === 0) return;
  const chainKey = chainKeyOf(orgId);
  await tx.insert(auditHeads).values({ chainKey, seq: 0, hash: GENESIS }).onConflictDoNothing();
  const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.chainKey, chainKey)).for('update');
  let seq = head.seq;
  let prev = head.hash;
  const rows: Array<typeof auditLog.$inferInsert> = [];
  for (const entry of entries) {
    seq++;
    const createdAt = entry.at ?? new Date();
    const who = entry.actor ?? actor;
    const body = {
      chainKey,
      seq,
      orgId,
      actorAccountId: who.accountId,
      actorName: who.name,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      action: entry.action,
      before: scrub(entry.before),
      after: scrub(entry.after),
      reason: entry.reason ?? '',
      requestId: who.requestId,
      createdAt: createdAt.toISOString(),
    };
    const payload = canonicalJson(body);
    const hash = sha256(prev + payload);
    rows.push({ ...body, createdAt, payload, prevHash: prev, hash });
    prev = hash;
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(auditLog).values(rows.slice(i, i + 500));
  await tx.update(auditHeads).set({ seq, hash: prev }).where(eq(auditHeads.chainKey, chainKey));
}

export interface ChainReport {
  chainKey: string;
  rows: number;
  ok: boolean;
  brokenAt?: { id: number; seq: number; problem: string };
}

const COLUMNS: Array<[keyof typeof auditLog.$inferSelect, (r: typeof auditLog.$inferSelect) => unknown]> = [
  ['orgId', (r) => r.orgId],
  ['actorAccountId', (r) => r.actorAccountId],
  ['actorName', (r) => r.actorName],
  ['entityType', (r) => r.entityType],
  ['entityId', (r) => r.entityId],
  ['action', (r) => r.action],
  ['before', (r) => r.before],
  ['after', (r) => r.after],
  ['reason', (r) => r.reason],
  ['requestId', (r) => r.requestId],
  ['createdAt', (r) => r.createdAt.toISOString()],
];

/** Recomputes a chain in order and names the first broken link, if any. Streams in pages of 2,000. */
export async function verifyChain(database: Database, chainKey: string): Promise<ChainReport> {
  let prev = GENESIS;
  let expectedSeq = 1;
  let rows = 0;
  let lastSeq = 0;
  for (;;) {
    const page = await database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.chainKey} = ${chainKey} and ${auditLog.seq} > ${lastSeq}`)
      .orderBy(asc(auditLog.seq))
      .limit(2000);
    if (page.length === 0) break;
    for (const r of page) {
      rows++;
      const fail = (problem: string): ChainReport => ({ chainKey, rows, ok: false, brokenAt: { id: r.id, seq: r.seq, problem } });
      if (r.seq !== expectedSeq) return fail(`missing row before seq ${r.seq}`);
      if (r.prevHash !== prev) return fail('prev_hash does not match the previous row');
      if (sha256(prev + r.payload) !== r.hash) return fail('hash does not match the payload');
      const body = JSON.parse(r.payload) as Record<string, unknown>;
      for (const [key, get] of COLUMNS) {
        if (canonicalJson(get(r)) !== canonicalJson(body[key] ?? null)) return fail(`column ${key} differs from the hashed payload`);
      }
      prev = r.hash;
      expectedSeq++;
      lastSeq = r.seq;
    }
  }
  const [head] = await database.db.select().from(auditHeads).where(eq(auditHeads.chainKey, chainKey));
  if (head && (head.seq !== lastSeq || head.hash !== prev)) {
    return { chainKey, rows, ok: false, brokenAt: { id: 0, seq: head.seq, problem: 'rows are missing at the end of the chain' } };
  }
  return { chainKey, rows, ok: true };
}

export async function verifyAllChains(database: Database): Promise<ChainReport[]> {
  const heads = await database.db.select({ chainKey: auditHeads.chainKey }).from(auditHeads).orderBy(asc(auditHeads.chainKey));
  const out: ChainReport[] = [];
  for (const h of heads) out.push(await verifyChain(database, h.chainKey));
  return out;
}
