CREATE TABLE "search_documents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "search_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"record_id" bigint NOT NULL,
	"title" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"title_tsv" "tsvector" NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"kw_tsv" "tsvector" NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"year" integer,
	"category_id" bigint,
	"unit_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"status" text NOT NULL,
	"visibility" text NOT NULL,
	"reply_grade" text,
	"reply_excerpt" text DEFAULT '' NOT NULL,
	"record_updated_at" timestamp with time zone NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "search_documents_kind_record_uq" ON "search_documents" USING btree ("kind","record_id");--> statement-breakpoint
CREATE INDEX "search_documents_tsv_idx" ON "search_documents" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_documents_title_tsv_idx" ON "search_documents" USING gin ("title_tsv");--> statement-breakpoint
CREATE INDEX "search_documents_kw_tsv_idx" ON "search_documents" USING gin ("kw_tsv");--> statement-breakpoint
CREATE INDEX "search_documents_org_kind_idx" ON "search_documents" USING btree ("org_id","kind","record_updated_at");