import { sql, type Placeholder } from 'drizzle-orm';
import type { DbOrTx } from './client';

/**
 * Hoisted query building for the hot read paths.
 *
 * drizzle builds a statement's SQL text from its query tree on every call (`buildQueryFromSourceParams`, the
 * selection, the joins): about 0.3 ms of Node CPU for the unit inbox, as much as the rest of the handler's own work.
 * A list query has a handful of shapes (which filters are present), so each shape is built once per database
 * handle with `sql.placeholder`s for its values and kept as a drizzle prepared query; a request then only fills the
 * values in and maps the rows (the same code path drizzle runs for an unprepared query).
 *
 * The prepared query carries no statement name, so the driver layer decides as before (db/client.ts names every
 * parameterised text on PostgreSQL unless `XIESHANG_PG_PREPARE=false`). A transaction handle gets its own cache
 * entries, dropped with it.
 */
const cache = new WeakMap<object, Map<string, unknown>>();

export function hoisted<T>(db: DbOrTx, key: string, build: () => T): T {
  let byKey = cache.get(db);
  if (!byKey) {
    byKey = new Map();
    cache.set(db, byKey);
  }
  let q = byKey.get(key) as T | undefined;
  if (q === undefined) {
    q = build();
    byKey.set(key, q);
  }
  return q;
}

/** A named value filled in at execution (`execute({ name: value })`). */
export const ph = (name: string): Placeholder => sql.placeholder(name);

/** Unnamed prepared statement: the driver layer names it (see above). */
export const UNNAMED = '';
