-- The search index's large columns (the body vector, the snippet text) are compressed with lz4 where the server has
-- it (PostgreSQL built --with-lz4, as Debian's and most distributions' are): it costs the writer less CPU than the
-- default pglz and reads back faster. The embedded database (PGlite) has no lz4 and keeps pglz.
DO $$
BEGIN
  ALTER TABLE search_documents
    ALTER COLUMN tsv SET COMPRESSION lz4,
    ALTER COLUMN content SET COMPRESSION lz4,
    ALTER COLUMN kw_tsv SET COMPRESSION lz4,
    ALTER COLUMN title_tsv SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
