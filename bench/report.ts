/** Machine facts and the result files (Markdown table + JSON) under bench/results/. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Stats } from './load';
import { ROOT } from './procs';

export interface Row {
  scenario: string;
  variant: string;
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** non-2xx responses plus connection errors and timeouts */
  errors: number;
  peakRssMiB: number[];
  /** rps ÷ ceiling rps at the same connection count; null for paced runs */
  ratio: number | null;
  note?: string;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** A speed or correctness target from the issues, marked met or not. */
export interface Target {
  name: string;
  limit: string;
  value: string;
  met: boolean;
}

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  postgres: string;
  os: string;
  loadAvgStart: number[];
  loadAvgEnd?: number[];
}

export interface BenchResult {
  date: string;
  mode: string;
  commit: string;
  dirty: boolean;
  machine: Machine;
  dataset: Record<string, unknown>;
  rows: Row[];
  byKind: Record<string, Record<string, Stats>>;
  checks: Check[];
  targets: Target[];
  seconds: number;
}

export async function machineFacts(databaseUrl: string): Promise<Machine> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ v: string }>("select current_setting('server_version') as v");
  await client.end();
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? '',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: rows[0]?.v ?? '',
    os: `${os.type()} ${os.release()}`,
    loadAvgStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

export function gitFacts(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT }).toString().trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

const fmt = (v: number) => (v >= 100 ? String(Math.round(v)) : v.toFixed(1));

export function markdown(r: BenchResult): string {
  const m = r.machine;
  const lines = [
    `# Benchmark — ${r.mode} — ${r.date}`,
    '',
    `Commit \`${r.commit.slice(0, 12)}\`${r.dirty ? ' (working tree had uncommitted changes)' : ''} · ${m.cores} cores (${m.cpuModel}) · ${m.memoryGiB} GiB · Node ${m.node} · PostgreSQL ${m.postgres} · load average at start ${m.loadAvgStart.join(' / ')}${m.loadAvgEnd ? `, at end ${m.loadAvgEnd.join(' / ')}` : ''} · total ${Math.round(r.seconds)} s`,
    '',
    `Data: ${Object.entries(r.dataset).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v as string | number)}`).join(' · ')}`,
    '',
    '| # | scenario | variant | conns | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MiB | ÷ ceiling |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...r.rows.map(
      (x) =>
        `| ${x.scenario.split(' ')[0]} | ${x.scenario.split(' ').slice(1).join(' ')} | ${x.variant}${x.note ? ` (${x.note})` : ''} | ${x.connections} | ${fmt(x.rps)} | ${fmt(x.p50)} | ${fmt(x.p95)} | ${fmt(x.p99)} | ${x.errors} | ${x.peakRssMiB.join(' + ')} | ${x.ratio == null ? '—' : `${(x.ratio * 100).toFixed(0)} %`} |`,
    ),
  ];
  for (const [label, kinds] of Object.entries(r.byKind)) {
    lines.push('', `### Per request kind: ${label}`, '', '| kind | count | p50 ms | p95 ms | p99 ms | max ms | non-2xx |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const [k, s] of Object.entries(kinds).sort((a, b) => b[1].p95 - a[1].p95)) lines.push(`| ${k} | ${s.count} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.p99)} | ${fmt(s.max)} | ${s.non2xx} |`);
  }
  lines.push('', '### Checks', '', '| check | result | detail |', '|---|---|---|', ...r.checks.map((c) => `| ${c.name} | ${c.ok ? 'ok' : '**FAILED**'} | ${c.detail} |`));
  lines.push('', '### Targets', '', '| target | limit | measured | |', '|---|---|---|---|', ...r.targets.map((t) => `| ${t.name} | ${t.limit} | ${t.value} | ${t.met ? 'met' : '**not met**'} |`));
  lines.push('', 'Numbers on a shared 2-core machine are noisy; compare ratios to the ceiling of the same run, not absolute figures across runs.', '');
  return lines.join('\n');
}

export function writeResults(r: BenchResult): { md: string; json: string } {
  const dir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${r.date.slice(0, 10)}-${r.mode}`);
  fs.writeFileSync(`${base}.md`, markdown(r));
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(r, null, 2)}\n`);
  return { md: `${base}.md`, json: `${base}.json` };
}
