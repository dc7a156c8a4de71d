import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '@server/db/client';
import type { AppConfig } from '@server/config';
import { runProposalClocks, type ClockOptions, type ClockRun } from '@server/modules/proposals/clocks';
import { runActivityClocks } from '@server/modules/activities/clocks';
import { runWorkClocks } from '@server/modules/worksystem/worksystem.reminders';
import { refreshAll } from '@server/modules/search/hooks';
import { processOutboxOnce, type Mailer, createMailer } from './deliver';
// Duty records (履职档案): queued and stale ledgers.
import { runDutyRecompute } from '@server/modules/duty/duty.worker';

/** How often the proposal clocks (reminders, overdue escalation, evaluation expiry) run: every 5 minutes. */
export const CLOCKS_INTERVAL_MS = 5 * 60_000;

export interface WorkerHandle {
  stop(): Promise<void>;
  /** Runs one pass now (tests). */
  tick(): Promise<number>;
  /** Runs the proposal clocks once now (tests). */
  tickClocks(): Promise<ClockRun | null>;
}

/**
 * Polls the outbox and delivers events. Safe to run in every instance: rows are claimed with SKIP LOCKED.
 * Also runs the proposal clocks every `clocksIntervalMs` (0 turns them off): idempotent across instances, since
 * every reminder is keyed in proposal_reminders and every expiry re-checks the locked proposal.
 */
export function startWorker(
  database: Database,
  config: AppConfig,
  log: FastifyBaseLogger,
  opts: { intervalMs?: number; mailer?: Mailer | null; clocksIntervalMs?: number; clocks?: Omit<ClockOptions, 'today'> } = {},
): WorkerHandle {
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
  // The whole clocks pass and the search catch-up in progress, for stop() to wait on before the database closes.
  let clocksRunning: Promise<ClockRun | null> | null = null;
  let searchRunning: Promise<void> | null = null;
  let clocksTimer: NodeJS.Timeout | null = null;
  const tickClocks = (): Promise<ClockRun | null> => {
    const pass = (async () => {
      const res = await runProposalClocks(database.db, { ...opts.clocks }).catch((err: unknown) => {
        log.error({ err }, 'proposal clocks pass failed');
        return null;
      });
      // The activities' minutes clock (纪要时限) runs on the same beat.
      await runActivityClocks(database.db).catch((err: unknown) => log.error({ err }, 'activity clocks pass failed'));
      // The work system's overdue obligations (工作制度逾期提醒), told once per due day.
      await runWorkClocks(database.db).catch((err: unknown) => log.error({ err }, 'work system clock pass failed'));
      // The duty ledgers (履职档案) queued by a rule change, and the current year's periodic refresh.
      await runDutyRecompute(database).catch((err: unknown) => log.error({ err }, 'duty recompute pass failed'));
      if (res && res.expired + res.reminders + res.escalations > 0) log.info(res, 'proposal clocks');
      return res;
    })();
    clocksRunning = pass;
    const clear = () => {
      if (clocksRunning === pass) clocksRunning = null;
    };
    pass.then(clear, clear);
    return pass;
  };
  const clocksEvery = opts.clocksIntervalMs ?? CLOCKS_INTERVAL_MS;
  const clocksLoop = async () => {
    if (stopped) return;
    await tickClocks();
    if (!stopped) clocksTimer = setTimeout(() => void clocksLoop(), clocksEvery);
  };
  void loop();
  // The search index's catch-up (records changed by other means than the commands): soon after start, then every minute.
  const searchPass = () => {
    if (stopped || searchRunning) return searchRunning;
    // Bounded per kind: a bulk backlog (records loaded behind the commands) is `npm run cli -- reindex`'s job.
    const pass = refreshAll(database, { maxPerKind: 500 })
      .then((n) => {
        if (n > 0) log.info({ indexed: n }, 'search index caught up');
      })
      .catch((err: unknown) => log.error({ err }, 'search index catch-up failed'))
      .finally(() => {
        searchRunning = null;
      });
    searchRunning = pass;
    return pass;
  };
  const searchTimer = opts.clocksIntervalMs === 0 ? null : setInterval(() => void searchPass(), 60_000);
  if (searchTimer) setTimeout(() => void searchPass(), 2_000).unref();
  if (clocksEvery > 0) clocksTimer = setTimeout(() => void clocksLoop(), Math.min(clocksEvery, 10_000));
  return {
    tick,
    tickClocks,
    async stop() {
      stopped = true;
      if (clocksTimer) clearTimeout(clocksTimer);
      if (searchTimer) clearInterval(searchTimer);
      await Promise.all([running, clocksRunning, searchRunning]);
    },
  };
}
