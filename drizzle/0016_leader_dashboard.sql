CREATE TABLE "leader_dashboard_cache" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"org_seq" bigint NOT NULL,
	"platform_seq" bigint NOT NULL,
	"shape" text NOT NULL,
	"view" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "proposal_evaluations_org_idx";--> statement-breakpoint
ALTER TABLE "leader_dashboard_cache" ADD CONSTRAINT "leader_dashboard_cache_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "problem_issues_org_result_idx" ON "problem_issues" USING btree ("org_id","result","outcome_id");--> statement-breakpoint
CREATE INDEX "proposal_evaluations_org_idx" ON "proposal_evaluations" USING btree ("org_id","status","result_rating");