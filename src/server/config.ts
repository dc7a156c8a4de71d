import path from 'node:path';

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Secure cookies unless explicitly turned off for plain-http local use. */
  cookieSecure: boolean | 'auto';
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Run the outbox worker in this process. */
  worker: boolean;
  logLevel: string;
  sessionTtlHours: number;
  /** Seconds a session may be served from memory for reads (0: off); auth changes drop it at once (lib/session-cache.ts). */
  sessionCacheSeconds: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Login attempts per client IP per minute (on top of the per-account lockout). */
  loginRatePerMinute: number;
  publicUrl: string;
}

/** Reads configuration from the environment; every value has a default so `npm start` needs nothing. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const host = env.HOST ?? '0.0.0.0';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.XIESHANG_DATA_DIR ?? './data'),
    cookieSecure: env.COOKIE_SECURE === 'true' ? true : env.COOKIE_SECURE === 'false' ? false : 'auto',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Xieshang <noreply@xieshang.local>',
    worker: env.XIESHANG_WORKER !== 'false',
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    sessionCacheSeconds: Number(env.SESSION_CACHE_SECONDS ?? 30),
    loginMaxFailures: Number(env.LOGIN_MAX_FAILURES ?? 5),
    loginLockMinutes: Number(env.LOGIN_LOCK_MINUTES ?? 15),
    loginRatePerMinute: Number(env.LOGIN_RATE_PER_MINUTE ?? 30),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
  };
}
