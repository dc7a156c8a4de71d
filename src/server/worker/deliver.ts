import nodemailer from 'nodemailer';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '@server/db/client';
import { accounts, deliveries, notifications, outbox } from '@server/db/schema/index';
import type { NotifyPayload } from '@server/lib/outbox';

export interface Mailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(to, subject, text) {
      await transport.sendMail({ from, to, subject, text });
    },
  };
}

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 h. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
const MAX_ATTEMPTS = 10;

/**
 * Delivers one event: in-app notifications (idempotent by the unique (outbox_id, account_id)) and e-mail.
 * Each e-mail's outcome is recorded on its own delivery row, so a later retry sends only the ones that
 * failed — a partial failure never re-sends to recipients who already got the mail. Returns the error text
 * when some e-mail failed (the event is then retried), or null.
 */
async function deliverOne(tx: Tx, row: typeof outbox.$inferSelect, mailer: Mailer | null): Promise<string | null> {
  const p = row.payload as NotifyPayload;
  const recipients = [...new Set(p.recipients ?? [])];
  if (recipients.length === 0) return null;
  await tx
    .insert(notifications)
    .values(recipients.map((accountId) => ({ accountId, orgId: row.orgId, outboxId: row.id, kind: p.kind, title: p.title, body: p.body ?? '', link: p.link ?? '' })))
    .onConflictDoNothing();
  if (!mailer || !p.email) return null;
  const targets = await tx.select({ id: accounts.id, email: accounts.email }).from(accounts).where(and(inArray(accounts.id, recipients), sql`${accounts.email} <> ''`));
  const failures: string[] = [];
  for (const t of targets) {
    await tx.insert(deliveries).values({ outboxId: row.id, accountId: t.id, channel: 'email', status: 'pending' }).onConflictDoNothing();
    const [d] = await tx.select().from(deliveries).where(and(eq(deliveries.outboxId, row.id), eq(deliveries.accountId, t.id), eq(deliveries.channel, 'email')));
    if (d.status === 'sent') continue;
    try {
      await mailer.send(t.email, p.title, `${p.body ?? ''}\n\n${p.link ?? ''}`.trim());
    } catch (err) {
      const message = String((err as Error).message ?? err).slice(0, 500);
      failures.push(message);
      await tx.update(deliveries).set({ status: 'failed', lastError: message }).where(eq(deliveries.id, d.id));
      continue;
    }
    await tx.update(deliveries).set({ status: 'sent', deliveredAt: new Date(), lastError: null }).where(eq(deliveries.id, d.id));
  }
  return failures.length ? failures.join('; ') : null;
}

/**
 * Claims up to 20 due events with FOR UPDATE SKIP LOCKED, so any number of instances can run this at once
 * without two of them handling the same event. A failing event is retried later with backoff.
 */
export async function processOutboxOnce(database: Database, mailer: Mailer | null): Promise<number> {
  return database.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outbox)
      .where(and(sql`${outbox.processedAt} is null`, sql`${outbox.availableAt} <= now()`, sql`${outbox.attempts} < ${MAX_ATTEMPTS}`))
      .orderBy(outbox.availableAt, outbox.id)
      .limit(20)
      .for('update', { skipLocked: true });
    for (const row of rows) {
      try {
        // A database error rolls the savepoint back; an e-mail failure keeps what was delivered and retries the rest.
        const failure = await tx.transaction((sp) => deliverOne(sp, row, mailer));
        if (failure) throw new Error(failure);
        await tx.update(outbox).set({ processedAt: new Date(), attempts: row.attempts + 1, lastError: null }).where(eq(outbox.id, row.id));
      } catch (err) {
        const attempts = row.attempts + 1;
        await tx
          .update(outbox)
          .set({ attempts, lastError: String((err as Error).message ?? err).slice(0, 500), availableAt: new Date(Date.now() + backoffSeconds(attempts) * 1000) })
          .where(eq(outbox.id, row.id));
      }
    }
    return rows.length;
  });
}
