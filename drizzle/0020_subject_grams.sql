-- 案由 substring search without reading every row. ILIKE '%…%' cannot use a b-tree, so a rare word in the intake
-- list's or the public page's search box read the whole organization (431 ms generic, 1.9 s custom plan for the
-- largest organization at 1 M proposals). pg_trgm does not help Chinese: a two-character word has no trigram.
-- xs_grams() is the text's distinct characters and character pairs (lower-cased); a GIN index over it finds the rows
-- holding every pair of the searched text, and ILIKE still decides. Plain SQL, so PGlite and PostgreSQL run the same.
CREATE FUNCTION xs_grams(s text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
      SELECT substr(t, i, 1) AS g FROM (SELECT lower(s) AS t) x, generate_series(1, char_length(t)) AS i
      UNION ALL
      SELECT substr(t, i, 2) FROM (SELECT lower(s) AS t) x, generate_series(1, char_length(t) - 1) AS i
    ) y
  $$;--> statement-breakpoint
-- What a searched text requires of a row: its character pairs, or its one character.
CREATE FUNCTION xs_query_grams(q text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT CASE WHEN char_length(q) = 0 THEN '{}'::text[]
                WHEN char_length(q) = 1 THEN ARRAY[lower(q)]
                ELSE (SELECT array_agg(DISTINCT substr(lower(q), i, 2)) FROM generate_series(1, char_length(q) - 1) AS i)
           END
  $$;--> statement-breakpoint
CREATE INDEX "proposals_subject_grams_idx" ON "proposals" USING gin (xs_grams("subject"));--> statement-breakpoint
-- The planner weighs a searched pair's frequency (statistics of the index expression) against walking the
-- organization's newest rows: collect them now rather than at the next autovacuum.
ANALYZE proposals;
