CREATE TABLE "proposal_stats_cache" (
	"org_id" bigint NOT NULL,
	"scope_key" text NOT NULL,
	"org_seq" bigint NOT NULL,
	"platform_seq" bigint NOT NULL,
	"calendar_stamp" text NOT NULL,
	"today" date NOT NULL,
	"view" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_stats_cache_org_id_scope_key_pk" PRIMARY KEY("org_id","scope_key")
);
--> statement-breakpoint
ALTER TABLE "proposal_stats_cache" ADD CONSTRAINT "proposal_stats_cache_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;