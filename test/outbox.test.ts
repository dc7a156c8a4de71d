import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import pg from 'pg';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { openDatabase, runMigrations, type Database } from '@server/db/client';
import { deliveries, notifications, outbox } from '@server/db/schema/index';
import { emit } from '@server/lib/outbox';
import { backoffSeconds, createMailer, processOutboxOnce, type Mailer } from '@server/worker/deliver';
import { createAccount, createOrg } from './helpers';

/**
 * The worker tests run on a database of their own, so no other test file's events are delivered (or
 * delayed) by the mailers used here. On PostgreSQL a private database is created next to the run's one.
 */
let database: Database;
let second: Database;
let pgUrl: string | undefined;
let privateDb: string | undefined;

beforeAll(async () => {
  if (process.env.XIESHANG_TEST_DB === 'postgres') {
    const base = new URL(process.env.XIESHANG_TEST_PG_URL!);
    privateDb = `xs_outbox_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: base.toString() });
    await admin.connect();
    await admin.query(`create database ${privateDb} encoding 'UTF8' template template0`);
    await admin.end();
    base.pathname = `/${privateDb}`;
    pgUrl = base.toString();
    database = await openDatabase({ databaseUrl: pgUrl, poolSize: 5 });
    await runMigrations(database);
    // A second, independent handle (its own pool) on the same database: a second worker process.
    second = await openDatabase({ databaseUrl: pgUrl, poolSize: 5 });
  } else {
    database = await openDatabase({});
    await runMigrations(database);
    second = database;
  }
});

afterAll(async () => {
  if (second !== database) await second.close();
  await database.close();
  if (privateDb) {
    const admin = new pg.Client({ connectionString: process.env.XIESHANG_TEST_PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${privateDb} with (force)`);
    await admin.end();
  }
});

const email = () => `${randomBytes(4).toString('hex')}@example.cn`;

async function recipients(n: number, withEmail = false) {
  const org = await createOrg(database);
  const accs = [];
  for (let i = 0; i < n; i++) accs.push(await createAccount(database, [{ orgId: org.id, role: 'member' }], withEmail ? { email: email() } : {}));
  return { org, accs };
}

async function emitOne(orgId: number, to: number[], extra: Partial<Parameters<typeof emit>[3]> = {}) {
  return database.db.transaction(async (tx) => {
    await emit(tx, orgId, 'test.event', { recipients: to, kind: 'test', title: '测试通知', body: '正文', link: '/x', ...extra });
    const [row] = await tx.select({ id: outbox.id }).from(outbox).orderBy(sql`${outbox.id} desc`).limit(1);
    return row.id;
  });
}

/** Runs passes until nothing is due. */
async function drain(db: Database, mailer: Mailer | null) {
  let total = 0;
  for (;;) {
    const n = await processOutboxOnce(db, mailer);
    total += n;
    if (n === 0) return total;
  }
}

const recording = () => {
  const sent: Array<{ to: string; subject: string; text: string }> = [];
  const mailer: Mailer = {
    async send(to, subject, text) {
      sent.push({ to, subject, text });
    },
  };
  return { sent, mailer };
};

describe('outbox delivery', () => {
  it('creates one notification per recipient (duplicates in the list collapse)', async () => {
    const { org, accs } = await recipients(3);
    const id = await emitOne(org.id, [accs[0].id, accs[1].id, accs[2].id, accs[0].id]);
    await drain(database, null);
    const rows = await database.db.select().from(notifications).where(eq(notifications.outboxId, id));
    expect(rows.map((r) => r.accountId).sort()).toEqual(accs.map((a) => a.id).sort());
    expect(rows[0]).toMatchObject({ orgId: org.id, kind: 'test', title: '测试通知', body: '正文', link: '/x', readAt: null });
    const [ev] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(ev.processedAt).not.toBeNull();
    expect(ev.attempts).toBe(1);
  });

  it('running the pass twice delivers nothing twice', async () => {
    const { org, accs } = await recipients(2, true);
    const id = await emitOne(org.id, accs.map((a) => a.id), { email: true });
    const { sent, mailer } = recording();
    await drain(database, mailer);
    expect(await processOutboxOnce(database, mailer)).toBe(0);
    // Even if the event were claimed again (processed_at cleared), nothing is delivered a second time.
    await database.db.update(outbox).set({ processedAt: null }).where(eq(outbox.id, id));
    await drain(database, mailer);
    const rows = await database.db.select().from(notifications).where(eq(notifications.outboxId, id));
    expect(rows).toHaveLength(2);
    expect(sent.map((s) => s.to).sort()).toEqual(accs.map((a) => a.email).sort());
  });

  it('two workers on separate database handles racing over 200 events never deliver twice', async () => {
    const { org, accs } = await recipients(2, true);
    const ids: number[] = [];
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 200; i++) await emit(tx, org.id, 'race', { recipients: accs.map((a) => a.id), kind: 'race', title: `事件${i}`, email: true });
    });
    ids.push(...(await database.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.eventType, 'race'))).map((r) => r.id));
    expect(ids).toHaveLength(200);
    const a = recording();
    const b = recording();
    const [na, nb] = await Promise.all([drain(database, a.mailer), drain(second, b.mailer)]);
    expect(na + nb).toBe(200);
    const all = [...a.sent, ...b.sent].map((s) => `${s.to}|${s.subject}`);
    expect(all).toHaveLength(400);
    expect(new Set(all).size).toBe(400);
    if (database !== second) expect(na > 0 && nb > 0, `both workers took part (${na}/${nb})`).toBe(true);
    const n = await database.rows<{ n: number }>(sql`select count(*)::int as n from notifications where outbox_id in (select id from outbox where event_type = 'race')`);
    expect(n[0].n).toBe(400);
    const pending = await database.db.select().from(outbox).where(and(inArray(outbox.id, ids), sql`${outbox.processedAt} is null`));
    expect(pending).toHaveLength(0);
    const attempts = await database.rows<{ n: number }>(sql`select count(*)::int as n from outbox where event_type = 'race' and attempts <> 1`);
    expect(attempts[0].n).toBe(0);
  });

  it('a failing mailer leads to retry with backoff, then a later success without re-sending', async () => {
    const { org, accs } = await recipients(2, true);
    const id = await emitOne(org.id, accs.map((a) => a.id), { email: true });
    // The first recipient's mail goes out; the second one's server refuses.
    const sent: string[] = [];
    const flaky: Mailer = {
      async send(to) {
        if (to === accs[1].email) throw new Error('451 try again later');
        sent.push(to);
      },
    };
    const t0 = Date.now();
    await processOutboxOnce(database, flaky);
    let [ev] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(ev.processedAt).toBeNull();
    expect(ev.attempts).toBe(1);
    expect(ev.lastError).toContain('451');
    const delay = ev.availableAt.getTime() - t0;
    expect(delay).toBeGreaterThanOrEqual(backoffSeconds(1) * 1000 - 2000);
    expect(delay).toBeLessThanOrEqual(backoffSeconds(1) * 1000 + 5000);
    // In-app notifications are not held back by the mail failure.
    expect(await database.db.select().from(notifications).where(eq(notifications.outboxId, id))).toHaveLength(2);
    // Not due yet: a pass now does nothing.
    await processOutboxOnce(database, flaky);
    [ev] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(ev.attempts).toBe(1);

    // Second failure: the backoff grows.
    await database.db.update(outbox).set({ availableAt: new Date(Date.now() - 1000) }).where(eq(outbox.id, id));
    const t1 = Date.now();
    await processOutboxOnce(database, flaky);
    [ev] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(ev.attempts).toBe(2);
    expect(ev.availableAt.getTime() - t1).toBeGreaterThanOrEqual(backoffSeconds(2) * 1000 - 2000);
    expect(backoffSeconds(2)).toBeGreaterThan(backoffSeconds(1));

    // Time passes; the server recovers.
    await database.db.update(outbox).set({ availableAt: new Date(Date.now() - 1000) }).where(eq(outbox.id, id));
    const ok = recording();
    await processOutboxOnce(database, ok.mailer);
    [ev] = await database.db.select().from(outbox).where(eq(outbox.id, id));
    expect(ev.processedAt).not.toBeNull();
    expect(ev.attempts).toBe(3);
    expect(ev.lastError).toBeNull();
    // Only the recipient who had not received it is mailed on the retry.
    expect(sent).toEqual([accs[0].email]);
    expect(ok.sent.map((s) => s.to)).toEqual([accs[1].email]);
    const ds = await database.db.select().from(deliveries).where(eq(deliveries.outboxId, id));
    expect(ds.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(await database.db.select().from(notifications).where(eq(notifications.outboxId, id))).toHaveLength(2);
  });

  it('sends real e-mail over SMTP, received exactly once', async () => {
    const received: Array<{ from: string; to: string[]; data: string }> = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (server.server.address() as AddressInfo).port;
      const mailer = createMailer(`smtp://127.0.0.1:${port}?ignoreTLS=true`, 'Xieshang <noreply@xieshang.test>');
      const { org, accs } = await recipients(1, true);
      const [noMail] = (await recipients(1)).accs;
      const id = await emitOne(org.id, [accs[0].id, noMail.id], { email: true, title: '提案已交办', body: '请及时签收', link: 'http://localhost/p/1' });
      await drain(database, mailer);
      await drain(database, mailer);
      expect(received).toHaveLength(1);
      expect(received[0].from).toBe('noreply@xieshang.test');
      expect(received[0].to).toEqual([accs[0].email]);
      expect(received[0].data).toMatch(/Subject: =\?UTF-8\?/i);
      expect(received[0].data).toContain('http://localhost/p/1');
      const ds = await database.db.select().from(deliveries).where(eq(deliveries.outboxId, id));
      expect(ds).toHaveLength(1);
      expect(ds[0].status).toBe('sent');
      expect(await database.db.select().from(notifications).where(eq(notifications.outboxId, id))).toHaveLength(2);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
