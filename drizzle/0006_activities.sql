CREATE TABLE "activities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"type" text NOT NULL,
	"topic" text NOT NULL,
	"organizer_kind" text NOT NULL,
	"organizer_name" text NOT NULL,
	"organizer_ref_id" bigint,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"minutes_due" date,
	"minutes_due_provisional" boolean DEFAULT false NOT NULL,
	"minutes_filed_at" timestamp with time zone,
	"sign_code" text,
	"sign_code_expires_at" timestamp with time zone,
	"created_by_account_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_outcomes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_outcomes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"activity_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"author_kind" text DEFAULT 'org' NOT NULL,
	"collective_id" bigint,
	"findings" text DEFAULT '' NOT NULL,
	"recommendations" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_participants" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_participants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"activity_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"member_id" bigint,
	"unit_id" bigint,
	"name" text NOT NULL,
	"attendance" text DEFAULT 'invited' NOT NULL,
	"signed_in_at" timestamp with time zone,
	"leave_status" text DEFAULT 'none' NOT NULL,
	"leave_reason" text DEFAULT '' NOT NULL,
	"leave_note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_settings" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_speeches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_speeches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"activity_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"participant_id" bigint,
	"author_name" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_instructions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outcome_instructions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"outcome_id" bigint NOT NULL,
	"leader" text NOT NULL,
	"level" text NOT NULL,
	"text" text NOT NULL,
	"instructed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_issue_units" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_issue_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"issue_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"commitment" text DEFAULT '' NOT NULL,
	"measures" text DEFAULT '' NOT NULL,
	"planned_completion" date,
	"responded_at" timestamp with time zone,
	"responded_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_issue_updates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_issue_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"issue_id" bigint NOT NULL,
	"unit_id" bigint,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_issues" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "problem_issues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"outcome_id" bigint NOT NULL,
	"activity_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"result" text,
	"result_reason" text DEFAULT '' NOT NULL,
	"response_due" date NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_outcomes" ADD CONSTRAINT "activity_outcomes_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_outcomes" ADD CONSTRAINT "activity_outcomes_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_outcomes" ADD CONSTRAINT "activity_outcomes_collective_id_collective_proposers_id_fk" FOREIGN KEY ("collective_id") REFERENCES "public"."collective_proposers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_settings" ADD CONSTRAINT "activity_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_speeches" ADD CONSTRAINT "activity_speeches_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_speeches" ADD CONSTRAINT "activity_speeches_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_speeches" ADD CONSTRAINT "activity_speeches_participant_id_activity_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."activity_participants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_speeches" ADD CONSTRAINT "activity_speeches_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_instructions" ADD CONSTRAINT "outcome_instructions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_instructions" ADD CONSTRAINT "outcome_instructions_outcome_id_activity_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."activity_outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_issue_units" ADD CONSTRAINT "problem_issue_units_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_issue_units" ADD CONSTRAINT "problem_issue_units_issue_id_problem_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."problem_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_issue_units" ADD CONSTRAINT "problem_issue_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_issue_units" ADD CONSTRAINT "problem_issue_units_responded_by_account_id_accounts_id_fk" FOREIGN KEY ("responded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_issue_updates" ADD CONSTRAINT "problem_issue_updates_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_issue_updates" ADD CONSTRAINT "problem_issue_updates_issue_id_problem_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."problem_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_issue_updates" ADD CONSTRAINT "problem_issue_updates_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_issues" ADD CONSTRAINT "problem_issues_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_issues" ADD CONSTRAINT "problem_issues_outcome_id_activity_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."activity_outcomes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_issues" ADD CONSTRAINT "problem_issues_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_org_starts_idx" ON "activities" USING btree ("org_id","starts_at","id");--> statement-breakpoint
CREATE INDEX "activities_org_status_starts_idx" ON "activities" USING btree ("org_id","status","starts_at");--> statement-breakpoint
CREATE INDEX "activities_org_type_starts_idx" ON "activities" USING btree ("org_id","type","starts_at");--> statement-breakpoint
CREATE INDEX "activities_minutes_due_idx" ON "activities" USING btree ("minutes_due") WHERE status = 'held';--> statement-breakpoint
CREATE INDEX "activity_outcomes_activity_idx" ON "activity_outcomes" USING btree ("activity_id","id");--> statement-breakpoint
CREATE INDEX "activity_outcomes_org_idx" ON "activity_outcomes" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "activity_participants_activity_idx" ON "activity_participants" USING btree ("activity_id","id");--> statement-breakpoint
CREATE INDEX "activity_participants_member_idx" ON "activity_participants" USING btree ("member_id","activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_participants_member_uq" ON "activity_participants" USING btree ("activity_id","member_id") WHERE member_id is not null;--> statement-breakpoint
CREATE INDEX "activity_speeches_activity_idx" ON "activity_speeches" USING btree ("activity_id","id");--> statement-breakpoint
CREATE INDEX "outcome_instructions_outcome_idx" ON "outcome_instructions" USING btree ("outcome_id");--> statement-breakpoint
CREATE INDEX "outcome_instructions_org_idx" ON "outcome_instructions" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "problem_issue_units_uq" ON "problem_issue_units" USING btree ("issue_id","unit_id");--> statement-breakpoint
CREATE INDEX "problem_issue_units_unit_idx" ON "problem_issue_units" USING btree ("unit_id","issue_id");--> statement-breakpoint
CREATE INDEX "problem_issue_updates_issue_idx" ON "problem_issue_updates" USING btree ("issue_id","id");--> statement-breakpoint
CREATE INDEX "problem_issues_outcome_idx" ON "problem_issues" USING btree ("outcome_id","seq");--> statement-breakpoint
CREATE INDEX "problem_issues_org_status_idx" ON "problem_issues" USING btree ("org_id","status","id");