CREATE TABLE "info_issue_counters" (
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "info_issue_counters_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "info_issues" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "info_issues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"issued_on" date NOT NULL,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "info_report_adoptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "info_report_adoptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"body_name" text NOT NULL,
	"level" text NOT NULL,
	"adopted_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "info_report_authors" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "info_report_authors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"role" text NOT NULL,
	"credited_via_merge_from" bigint
);
--> statement-breakpoint
CREATE TABLE "info_report_feedback" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "info_report_feedback_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"unit_name" text NOT NULL,
	"text" text NOT NULL,
	"fed_back_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "info_report_instructions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "info_report_instructions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"leader" text NOT NULL,
	"level" text NOT NULL,
	"text" text NOT NULL,
	"instructed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "info_report_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "info_report_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"report_id" bigint NOT NULL,
	"title" text NOT NULL,
	"situation" text NOT NULL,
	"analysis" text NOT NULL,
	"suggestion" text NOT NULL,
	"edited_by_account_id" bigint,
	"editor_name" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "info_reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "info_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"situation" text DEFAULT '' NOT NULL,
	"analysis" text DEFAULT '' NOT NULL,
	"suggestion" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitter_kind" text DEFAULT 'member' NOT NULL,
	"submitter_name" text DEFAULT '' NOT NULL,
	"collective_id" bigint,
	"studio_id" bigint,
	"created_by_account_id" bigint,
	"submitted_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"issue_id" bigint,
	"archived_at" timestamp with time zone,
	"return_comments" text DEFAULT '' NOT NULL,
	"reject_reason" text DEFAULT '' NOT NULL,
	"merged_into_id" bigint,
	"origin_proposal_id" bigint,
	"converted_item_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "info_issue_counters" ADD CONSTRAINT "info_issue_counters_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_issues" ADD CONSTRAINT "info_issues_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_issues" ADD CONSTRAINT "info_issues_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_adoptions" ADD CONSTRAINT "info_report_adoptions_report_id_info_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."info_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_adoptions" ADD CONSTRAINT "info_report_adoptions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_authors" ADD CONSTRAINT "info_report_authors_report_id_info_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."info_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_authors" ADD CONSTRAINT "info_report_authors_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_authors" ADD CONSTRAINT "info_report_authors_credited_via_merge_from_info_reports_id_fk" FOREIGN KEY ("credited_via_merge_from") REFERENCES "public"."info_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_feedback" ADD CONSTRAINT "info_report_feedback_report_id_info_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."info_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_feedback" ADD CONSTRAINT "info_report_feedback_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_instructions" ADD CONSTRAINT "info_report_instructions_report_id_info_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."info_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_instructions" ADD CONSTRAINT "info_report_instructions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_revisions" ADD CONSTRAINT "info_report_revisions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_revisions" ADD CONSTRAINT "info_report_revisions_report_id_info_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."info_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_report_revisions" ADD CONSTRAINT "info_report_revisions_edited_by_account_id_accounts_id_fk" FOREIGN KEY ("edited_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_reports" ADD CONSTRAINT "info_reports_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_reports" ADD CONSTRAINT "info_reports_collective_id_collective_proposers_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collective_proposers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_reports" ADD CONSTRAINT "info_reports_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_reports" ADD CONSTRAINT "info_reports_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_reports" ADD CONSTRAINT "info_reports_issue_id_info_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."info_issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_reports" ADD CONSTRAINT "info_reports_merged_into_id_info_reports_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."info_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_reports" ADD CONSTRAINT "info_reports_origin_proposal_id_proposals_id_fk" FOREIGN KEY ("origin_proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "info_reports" ADD CONSTRAINT "info_reports_converted_item_id_converted_items_id_fk" FOREIGN KEY ("converted_item_id") REFERENCES "public"."converted_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "info_issues_org_year_number_uq" ON "info_issues" USING btree ("org_id","year","number");--> statement-breakpoint
CREATE INDEX "info_issues_org_issued_idx" ON "info_issues" USING btree ("org_id","issued_on","id");--> statement-breakpoint
CREATE INDEX "info_report_adoptions_report_idx" ON "info_report_adoptions" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "info_report_adoptions_org_day_idx" ON "info_report_adoptions" USING btree ("org_id","adopted_on");--> statement-breakpoint
CREATE UNIQUE INDEX "info_report_authors_uq" ON "info_report_authors" USING btree ("report_id","member_id");--> statement-breakpoint
CREATE INDEX "info_report_authors_member_idx" ON "info_report_authors" USING btree ("member_id","report_id");--> statement-breakpoint
CREATE INDEX "info_report_feedback_report_idx" ON "info_report_feedback" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "info_report_feedback_org_day_idx" ON "info_report_feedback" USING btree ("org_id","fed_back_on");--> statement-breakpoint
CREATE INDEX "info_report_instructions_report_idx" ON "info_report_instructions" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "info_report_instructions_org_day_idx" ON "info_report_instructions" USING btree ("org_id","instructed_on");--> statement-breakpoint
CREATE INDEX "info_report_revisions_report_idx" ON "info_report_revisions" USING btree ("report_id","id");--> statement-breakpoint
CREATE INDEX "info_reports_org_id_idx" ON "info_reports" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "info_reports_org_status_idx" ON "info_reports" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE INDEX "info_reports_org_submitted_idx" ON "info_reports" USING btree ("org_id","submitted_at");--> statement-breakpoint
CREATE INDEX "info_reports_org_issued_idx" ON "info_reports" USING btree ("org_id","issued_at");--> statement-breakpoint
CREATE INDEX "info_reports_creator_idx" ON "info_reports" USING btree ("created_by_account_id","id");--> statement-breakpoint
CREATE INDEX "info_reports_issue_idx" ON "info_reports" USING btree ("issue_id");--> statement-breakpoint
CREATE INDEX "info_reports_origin_idx" ON "info_reports" USING btree ("origin_proposal_id") WHERE origin_proposal_id is not null;