import { loadConfig } from './config';
import { openDatabase, runMigrations } from './db/client';
import { buildApp } from './app';
import { startWorker } from './worker/worker';

/** Reads config, opens and migrates the database, starts the outbox worker, listens. */
async function main() {
  const started = Date.now();
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(database);
  const app = await buildApp({ config, database, logger: true, serveWeb: true });
  const worker = config.worker ? startWorker(database, config, app.log) : null;
  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === 'pglite' ? `embedded PGlite at ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`\n  协商 Xieshang is ready in ${((Date.now() - started) / 1000).toFixed(1)} s — database: ${where}\n  Open http://${shownHost}:${config.port}/   (API docs: /api/docs)\n`);
  const stop = async () => {
    await worker?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
