import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '@server/db/client';
import type { AppConfig } from '@server/config';
import { processOutboxOnce, type Mailer, createMailer } from './deliver';

export interface WorkerHandle {
  stop(): Promise<void>;
  /** Runs one pass now (tests). */
  tick(): Promise<number>;
}

/** Polls the outbox and delivers events. Safe to run in every instance: rows are claimed with SKIP LOCKED. */
export function startWorker(database: Database, config: AppConfig, log: FastifyBaseLogger, opts: { intervalMs?: number; mailer?: Mailer | null } = {}): WorkerHandle {
  const mailer = opts.mailer !== undefined ? opts.mailer : config.smtpUrl ? createMailer(config.smtpUrl, config.mailFrom) : null;
  let stopped = false;
  let running: Promise<number> | null = null;
  const tick = async () => {
    running = processOutboxOnce(database, mailer).catch((err: unknown) => {
      log.error({ err }, 'outbox worker pass failed');
      return 0;
    });
    const n = await running;
    running = null;
    return n;
  };
  const loop = async () => {
    while (!stopped) {
      const n = await tick();
      if (n === 0) await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1000));
    }
  };
  void loop();
  return {
    tick,
    async stop() {
      stopped = true;
      if (running) await running;
    },
  };
}
