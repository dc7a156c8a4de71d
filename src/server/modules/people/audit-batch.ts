import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { auditHeads, auditLog } from '@server/db/schema/index';
import { canonicalJson, type AuditActor, type AuditEntry } from '@server/lib/audit';

/*
 * Bulk imports write one audit row per created record. `writeAudit` costs four statements per row, which
 * makes a 20,000-row import take minutes on PGlite; this appends the same rows to the same chain with one
 * head lock, bulk inserts and one head update. It reproduces writeAudit's row format exactly (the tests
 * verify the chain with `verifyChain` after an import), and belongs in src/server/lib/audit.ts as
 * `writeAuditMany` — kept here only because that file is not this module's to edit.
 */

const GENESIS = '0'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

function scrub(v: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!v) return null;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (/password|token|secret/i.test(k)) continue;
    out[k] = val instanceof Date ? val.toISOString() : val;
  }
  return JSON.parse(canonicalJson(out)) as Record<string, unknown>;
}

/** Appends audit rows for one organization's chain inside the caller's transaction, in order. */
export async function writeAuditMany(tx: DbOrTx, actor: AuditActor, orgId: number, entries: Array<Omit<AuditEntry, 'orgId'>>): Promise<void> {
  if (!entries.length) return;
  const chainKey = String(orgId);
  await tx.insert(auditHeads).values({ chainKey, seq: 0, hash: GENESIS }).onConflictDoNothing();
  const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.chainKey, chainKey)).for('update');
  let seq = head.seq;
  let prev = head.hash;
  const rows: Array<typeof auditLog.$inferInsert> = [];
  for (const entry of entries) {
    seq++;
    const createdAt = new Date();
    const body = {
      chainKey,
      seq,
      orgId,
      actorAccountId: actor.accountId,
      actorName: actor.name,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      action: entry.action,
      before: scrub(entry.before),
      after: scrub(entry.after),
      reason: entry.reason ?? '',
      requestId: actor.requestId,
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
