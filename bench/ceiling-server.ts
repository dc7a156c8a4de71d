/**
 * The ceiling: a bare Fastify server doing one indexed primary-key read through a `pg` pool (the app's pool size),
 * on the same database. Nothing the app adds (sessions, authorization, zod, audit) — so every app figure can be
 * read as a fraction of what this machine and database can do at all.
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

app.get('/health', async () => ({ ok: true }));
app.get<{ Params: { id: string } }>('/members/:id', async (req, reply) => {
  const { rows } = await pool.query('select id, org_id, name, employer from members where id = $1', [Number(req.params.id)]);
  if (!rows[0]) return reply.code(404).send({ code: 'not_found' });
  return rows[0];
});

const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());

await app.listen({ port: Number(process.env.PORT ?? 3999), host: process.env.HOST ?? '127.0.0.1' });
