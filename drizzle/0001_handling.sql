CREATE TABLE "proposal_contacts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"proposal_id" bigint NOT NULL,
	"assignment_id" bigint NOT NULL,
	"form" text NOT NULL,
	"contact_date" date NOT NULL,
	"notes" text NOT NULL,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_evaluations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_evaluations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"proposal_id" bigint NOT NULL,
	"proposer_id" bigint NOT NULL,
	"round" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"work_rating" text,
	"result_rating" text,
	"comments" text DEFAULT '' NOT NULL,
	"rated_by_account_id" bigint,
	"rated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_progress" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_progress_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"proposal_id" bigint NOT NULL,
	"assignment_id" bigint NOT NULL,
	"body" text NOT NULL,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_reminders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"key" text NOT NULL,
	"proposal_id" bigint,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_replies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_replies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"proposal_id" bigint NOT NULL,
	"assignment_id" bigint NOT NULL,
	"unit_id" bigint NOT NULL,
	"round" integer NOT NULL,
	"grade" text NOT NULL,
	"body" text NOT NULL,
	"doc_number" text DEFAULT '' NOT NULL,
	"signer" text NOT NULL,
	"replied_by_account_id" bigint,
	"replied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_supervisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "proposal_supervisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"proposal_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"happened_on" date NOT NULL,
	"notes" text NOT NULL,
	"leader_account_id" bigint,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "opinion" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "opinion_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "opinion_due" date;--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "opinions_override_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "extension_status" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "extension_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "extension_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "extension_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "original_deadline" date;--> statement-breakpoint
ALTER TABLE "proposal_assignments" ADD COLUMN "replied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "round" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "replied_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "evaluation_due" date;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "evaluation_due_provisional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "evaluated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "rehandling_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "is_good" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "good_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "good_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proposals" ADD COLUMN "disclosed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "proposal_contacts" ADD CONSTRAINT "proposal_contacts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_contacts" ADD CONSTRAINT "proposal_contacts_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_contacts" ADD CONSTRAINT "proposal_contacts_assignment_id_proposal_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."proposal_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_contacts" ADD CONSTRAINT "proposal_contacts_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_evaluations" ADD CONSTRAINT "proposal_evaluations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_evaluations" ADD CONSTRAINT "proposal_evaluations_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_evaluations" ADD CONSTRAINT "proposal_evaluations_proposer_id_proposal_proposers_id_fk" FOREIGN KEY ("proposer_id") REFERENCES "public"."proposal_proposers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_evaluations" ADD CONSTRAINT "proposal_evaluations_rated_by_account_id_accounts_id_fk" FOREIGN KEY ("rated_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_progress" ADD CONSTRAINT "proposal_progress_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_progress" ADD CONSTRAINT "proposal_progress_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_progress" ADD CONSTRAINT "proposal_progress_assignment_id_proposal_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."proposal_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_progress" ADD CONSTRAINT "proposal_progress_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reminders" ADD CONSTRAINT "proposal_reminders_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reminders" ADD CONSTRAINT "proposal_reminders_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_replies" ADD CONSTRAINT "proposal_replies_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_replies" ADD CONSTRAINT "proposal_replies_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_replies" ADD CONSTRAINT "proposal_replies_assignment_id_proposal_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."proposal_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_replies" ADD CONSTRAINT "proposal_replies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_replies" ADD CONSTRAINT "proposal_replies_replied_by_account_id_accounts_id_fk" FOREIGN KEY ("replied_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supervisions" ADD CONSTRAINT "proposal_supervisions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supervisions" ADD CONSTRAINT "proposal_supervisions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supervisions" ADD CONSTRAINT "proposal_supervisions_leader_account_id_accounts_id_fk" FOREIGN KEY ("leader_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_supervisions" ADD CONSTRAINT "proposal_supervisions_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "proposal_contacts_proposal_idx" ON "proposal_contacts" USING btree ("proposal_id","id");--> statement-breakpoint
CREATE INDEX "proposal_contacts_assignment_idx" ON "proposal_contacts" USING btree ("assignment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_evaluations_proposer_round_uq" ON "proposal_evaluations" USING btree ("proposer_id","round");--> statement-breakpoint
CREATE INDEX "proposal_evaluations_proposal_idx" ON "proposal_evaluations" USING btree ("proposal_id","round");--> statement-breakpoint
CREATE INDEX "proposal_evaluations_org_idx" ON "proposal_evaluations" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "proposal_progress_proposal_idx" ON "proposal_progress" USING btree ("proposal_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_reminders_key_uq" ON "proposal_reminders" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_replies_assignment_round_uq" ON "proposal_replies" USING btree ("assignment_id","round");--> statement-breakpoint
CREATE INDEX "proposal_replies_proposal_idx" ON "proposal_replies" USING btree ("proposal_id","round","id");--> statement-breakpoint
CREATE INDEX "proposal_replies_org_replied_idx" ON "proposal_replies" USING btree ("org_id","replied_at","id");--> statement-breakpoint
CREATE INDEX "proposal_supervisions_proposal_idx" ON "proposal_supervisions" USING btree ("proposal_id","id");--> statement-breakpoint
CREATE INDEX "proposals_org_deadline_idx" ON "proposals" USING btree ("org_id","deadline","id") WHERE deadline is not null;--> statement-breakpoint
CREATE INDEX "proposals_public_idx" ON "proposals" USING btree ("org_id","disclosed_at","id") WHERE disclosed_at is not null;