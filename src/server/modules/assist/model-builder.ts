import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SuggestModel, type Example, type ModelOptions } from './model';
import { importModel, type ModelState } from './model-state';

export interface BuildRequest {
  id: number;
  examples: readonly Example[];
  options: ModelOptions;
}

export type BuildResponse = { id: number; state: ModelState } | { id: number; error: string };

interface Job extends BuildRequest {
  resolve(m: SuggestModel): void;
  reject(err: Error): void;
}

export interface ModelBuilderOptions {
  /** Where the builder reports a worker that failed (the build then runs in this thread). */
  log?: (msg: string, err?: unknown) => void;
  /** Starts the worker (tests start a crashing one). */
  spawn?: () => Worker;
  /** After this many worker failures in a row, models are built in this thread only. */
  maxFailures?: number;
}

const ENTRY = new URL('./model.worker.ts', import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * The worker runs TypeScript. A loader given in a worker's execArgv does not reach the worker's own entry on
 * Node 20 (measured: `ERR_UNKNOWN_FILE_EXTENSION` under `npm start` and `node --import tsx` alike), and Vitest
 * transforms its own modules only. So the worker starts from a few lines of plain JavaScript that register tsx
 * (with the project's tsconfig, for the path aliases, whatever the working directory) and then import the entry.
 */
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then((tsx) => { tsx.register({ tsconfig: workerData.tsconfig }); return import(workerData.entry); })
  .catch((err) => { console.error(err); process.exit(70); });
`;

function spawnWorker(): Worker {
  // tsx's ESM API (its CommonJS build cannot find its own files from an eval'd worker)
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(path.join(path.dirname(pkg), 'dist/esm/api/index.mjs')).href;
  return new Worker(BOOT, {
    eval: true,
    execArgv: [],
    workerData: { tsxApi, tsconfig: path.join(ROOT, 'tsconfig.json'), entry: ENTRY.href },
    name: 'assist-model-builder',
  });
}

/**
 * Builds suggestion models off the main thread: one worker, started on the first build, holding the process open
 * only while it has work (unref'd when idle), terminated by `close()`. The examples go to the worker as plain data
 * and the trained state comes back in transferred typed arrays; scoring stays on the main thread.
 *
 * When the worker dies (a crash, out of memory, a failed start), its pending builds and the next ones run in this
 * thread, so suggestions keep working, slower; a new worker is tried on the next build, until `maxFailures`
 * failures in a row.
 */
export class ModelBuilder {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private failures = 0;
  private closed = false;
  private readonly log: (msg: string, err?: unknown) => void;
  private readonly spawn: () => Worker;
  private readonly maxFailures: number;
  /** Builds done in the worker / in this thread (for tests and logs). */
  readonly counts = { worker: 0, inThread: 0 };

  constructor(opts: ModelBuilderOptions = {}) {
    this.log = opts.log ?? (() => {});
    this.spawn = opts.spawn ?? spawnWorker;
    this.maxFailures = opts.maxFailures ?? 3;
  }

  /** A model trained on `examples`, built in the worker (or, when it fails, in this thread). */
  build(examples: readonly Example[], options: ModelOptions): Promise<SuggestModel> {
    // closed: the worker is gone; a request still being drained gets its model built here
    const worker = !this.closed && this.failures < this.maxFailures ? this.ensureWorker() : null;
    if (!worker) return this.inThread(examples, options);
    return new Promise<SuggestModel>((resolve, reject) => {
      const job: Job = { id: this.nextId++, examples, options, resolve, reject };
      this.jobs.set(job.id, job);
      worker.ref();
      const req: BuildRequest = { id: job.id, examples, options };
      worker.postMessage(req);
    });
  }

  /** Stops the worker; builds still pending in it are refused, later ones run in this thread. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    for (const job of this.jobs.values()) job.reject(new Error('the model builder is closed'));
    this.jobs.clear();
    if (w) await w.terminate();
  }

  private ensureWorker(): Worker | null {
    if (this.worker) return this.worker;
    let w: Worker;
    try {
      w = this.spawn();
    } catch (err) {
      this.failures++;
      this.log('assist: the model-building worker could not start; building in the main thread', err);
      return null;
    }
    this.worker = w;
    w.unref();
    w.on('message', (res: BuildResponse) => this.settle(res));
    w.on('error', (err) => this.fail(w, err));
    w.on('exit', (code) => this.fail(w, new Error(`the worker exited with code ${code}`)));
    return w;
  }

  private settle(res: BuildResponse): void {
    const job = this.jobs.get(res.id);
    if (!job) return;
    this.jobs.delete(res.id);
    if (this.jobs.size === 0) this.worker?.unref();
    this.failures = 0;
    if ('error' in res) {
      // the model itself failed (it would fail in this thread too): the caller sees the error
      job.reject(new Error(`assist: building the model failed in the worker: ${res.error}`));
      return;
    }
    this.counts.worker++;
    job.resolve(importModel(res.state));
  }

  /** The worker is gone (error, then exit): what it had is built here instead. */
  private fail(w: Worker, err: Error): void {
    if (this.worker !== w) return; // already handled, or closed on purpose
    this.worker = null;
    this.failures++;
    const pending = [...this.jobs.values()];
    this.jobs.clear();
    this.log(
      `assist: the model-building worker failed (${this.failures} in a row); ${pending.length} build(s) run in the main thread`,
      err,
    );
    void w.terminate();
    for (const job of pending) this.inThread(job.examples, job.options).then(job.resolve, job.reject);
  }

  private inThread(examples: readonly Example[], options: ModelOptions): Promise<SuggestModel> {
    return new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          const m = new SuggestModel(examples, options);
          this.counts.inThread++;
          resolve(m);
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      }),
    );
  }
}
