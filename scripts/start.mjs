#!/usr/bin/env node
// `npm start`: build the web app when it is missing or stale, load the demo data into a new embedded
// database once, then run the server (signals forwarded, its exit code returned).
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);
const TSX = bin('tsx', 'dist/cli.mjs');
const VITE = bin('vite', 'bin/vite.js');

let current = null;
let stopping = null;

/** Runs `node <args>` in its own process group, so a Ctrl-C reaches it exactly once (forwarded by us). */
function run(args, label) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    current = child;
    child.on('error', (err) => {
      console.error(`[start] ${label} could not start: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 + (signalNumbers[signal] ?? 1) : 1));
    });
  });
}
const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (stopping) return; // a second signal while the child shuts down is ignored; the child decides
    stopping = sig;
    if (current) current.kill(sig);
    else process.exit(128 + signalNumbers[sig]);
  });
}

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) newest = Math.max(newest, newestMtime(path.join(p, e.name)));
  return newest;
}

async function buildWebIfStale() {
  const built = path.join(root, 'dist/web/index.html');
  const sources = ['src/web', 'src/common', 'index.html', 'vite.config.ts'].map((p) => newestMtime(path.join(root, p)));
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  if (builtAt && builtAt >= Math.max(...sources)) return;
  console.log(builtAt ? '[start] web sources changed; rebuilding the web app (vite build)…' : '[start] building the web app (vite build)…');
  const code = await run([VITE, 'build'], 'vite build');
  if (code !== 0) {
    if (!builtAt) {
      console.error('[start] the web build failed and there is no earlier build; stopping.');
      process.exit(code);
    }
    console.error('[start] the web build failed; serving the previous build.');
  }
}

/** A new embedded database gets the migrations and the demo data once (a marker file covers an interrupted load). */
async function loadDemoIfNew() {
  if (process.env.DATABASE_URL) return;
  const dataDir = path.resolve(process.env.XIESHANG_DATA_DIR ?? './data');
  process.env.XIESHANG_DATA_DIR = dataDir; // the children run from the project folder
  const marker = path.join(dataDir, '.demo-pending');
  const isNew = !fs.existsSync(dataDir) || fs.readdirSync(dataDir).length === 0 || fs.existsSync(marker);
  if (!isNew) return;
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(marker, 'the demo data load has not finished; `npm start` retries it\n');
  console.log(`[start] new embedded database at ${dataDir}: running migrations and loading the demo data…`);
  const code = await run([TSX, 'src/server/cli.ts', 'demo'], 'demo loader');
  if (stopping) process.exit(code);
  if (code !== 0) {
    console.error('[start] loading the demo data failed; see above.');
    process.exit(code);
  }
  fs.rmSync(marker, { force: true });
}

await buildWebIfStale();
if (stopping) process.exit(128 + signalNumbers[stopping]);
await loadDemoIfNew();
if (stopping) process.exit(128 + signalNumbers[stopping]);
process.exit(await run([TSX, 'src/server/main.ts'], 'server'));
