-- Organization tokens in the search vectors (src/server/modules/search/search.text.ts orgLexeme): every row's
-- title_tsv, tsv and kw_tsv get the lexeme 'o <id>' (no position) of each organization that may see it — the
-- owner; for an activity also every organization invited to it; for a cooperation item every party organization —
-- so that queries AND the caller's organizations in and the GIN indexes intersect inside them.
-- The GIN indexes are dropped and built again around the rewrite (one sorted build instead of 3 × n insertions).
-- Rows added later are appended where there is room; `CLUSTER search_documents` (a lock while it runs) gathers
-- them again.
DROP INDEX IF EXISTS "search_documents_tsv_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "search_documents_title_tsv_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "search_documents_kw_tsv_idx";--> statement-breakpoint
UPDATE "search_documents" d SET
  "title_tsv" = d."title_tsv" || t.v,
  "tsv" = d."tsv" || t.v,
  "kw_tsv" = d."kw_tsv" || t.v
FROM (
  SELECT x.id, array_to_tsvector(
      ARRAY['o ' || x.org_id]
      || CASE WHEN x.kind = 'activity' THEN coalesce((SELECT array_agg('o ' || j.org_id) FROM activity_orgs j WHERE j.activity_id = x.record_id), '{}') ELSE '{}' END
      || CASE WHEN x.kind = 'coop_item' THEN coalesce((SELECT array_agg('o ' || p.party_org_id) FROM coop_parties p
           WHERE p.item_id = x.record_id AND p.party_org_id IS NOT NULL), '{}') ELSE '{}' END
    ) AS v
  FROM "search_documents" x
) t
WHERE t.id = d.id;--> statement-breakpoint
-- Rows of one organization side by side: posting lists are in row order, so a word every row holds is then read
-- over the organization's stretch only, not over the whole table (the rewrite's old versions, deleted in this same
-- transaction, are copied along and left to VACUUM).
CLUSTER "search_documents" USING "search_documents_org_kind_idx";--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_documents_title_tsv_idx" ON "search_documents" USING gin ("title_tsv");--> statement-breakpoint
CREATE INDEX "search_documents_kw_tsv_idx" ON "search_documents" USING gin ("kw_tsv");
