/** Child processes of the benchmark: app instances, the ceiling server, load generators; RSS sampling. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX_IMPORT = ['--import', 'tsx'];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  name: string;
  url: string;
  pid: number;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a TypeScript entry under node (with tsx as loader, so the pid is the server's own) and waits for `readyPath`. */
export async function startServer(name: string, entry: string, env: Record<string, string>, readyPath: string, timeoutMs = 120_000): Promise<Server> {
  const port = await freePort();
  const proc = spawn(process.execPath, [...TSX_IMPORT, ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), entry], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode != null) throw new Error(`${name} exited with ${proc.exitCode} before it was ready:\n${output}`);
    try {
      const res = await fetch(url + readyPath);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`${name} not ready after ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    name,
    url,
    pid: proc.pid!,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode != null) return resolve();
        const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
        proc.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        proc.kill('SIGTERM');
      }),
  };
}

/**
 * The Xieshang app (src/server/main.ts) on PostgreSQL, quiet logs, login rate limit lifted for the VUs. The outbox
 * worker (notifications, e-mail, clocks) is off unless `worker` is set (the two-instance scenario runs it in both).
 */
export function startApp(name: string, databaseUrl: string, opts: { worker?: boolean } = {}): Promise<Server> {
  return startServer(name, 'src/server/main.ts', {
    DATABASE_URL: databaseUrl,
    XIESHANG_WORKER: opts.worker ? 'true' : 'false',
    LOG_LEVEL: 'warn',
    COOKIE_SECURE: 'false',
    LOGIN_RATE_PER_MINUTE: '100000',
  }, '/api/health');
}

export function startCeiling(databaseUrl: string): Promise<Server> {
  return startServer('ceiling', 'bench/ceiling-server.ts', { DATABASE_URL: databaseUrl }, '/health');
}

/** Resident set size of a process in MiB (VmRSS), or 0 when it is gone. */
export function rssMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Polls VmRSS of the given pids every 200 ms; `stop()` returns each one's peak in MiB. */
export function sampleRss(pids: number[]): { stop(): number[] } {
  const peaks = pids.map(rssMiB);
  const timer = setInterval(() => pids.forEach((p, i) => (peaks[i] = Math.max(peaks[i], rssMiB(p)))), 200);
  return {
    stop() {
      clearInterval(timer);
      pids.forEach((p, i) => (peaks[i] = Math.max(peaks[i], rssMiB(p))));
      return peaks.map((v) => Math.round(v));
    },
  };
}

export interface LoadWorker {
  pid: number;
  run<T>(spec: unknown): Promise<T>;
  stop(): void;
}

/** Forks bench/load.ts once: the load generator lives in its own process for the whole benchmark. */
export async function startLoadWorker(): Promise<LoadWorker> {
  const proc = fork(path.join(ROOT, 'bench', 'load.ts'), [], { cwd: ROOT, execArgv: TSX_IMPORT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    proc.once('message', () => resolve());
    proc.once('exit', (code) => reject(new Error(`load process exited with ${code}`)));
  });
  return {
    pid: proc.pid!,
    run<T>(spec: unknown) {
      return new Promise<T>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`load process exited with ${code}`));
        proc.once('exit', onExit);
        proc.once('message', (msg: { results?: T; error?: string }) => {
          proc.off('exit', onExit);
          if (msg.error) reject(new Error(msg.error));
          else resolve(msg.results as T);
        });
        proc.send(spec as object);
      });
    },
    stop() {
      if (proc.connected) proc.disconnect();
    },
  };
}
