CREATE TABLE "duty_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "duty_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"member_id" bigint NOT NULL,
	"rule_key" text NOT NULL,
	"item" text NOT NULL,
	"condition" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" bigint NOT NULL,
	"link_id" bigint NOT NULL,
	"title" text NOT NULL,
	"points" numeric(8, 2) NOT NULL,
	"raw_points" numeric(8, 2) NOT NULL,
	"occurred_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_manual_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "duty_manual_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"item" text NOT NULL,
	"points" numeric(8, 2) NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"created_by_account_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_scores" (
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"member_id" bigint NOT NULL,
	"sector_id" bigint,
	"group_id" bigint,
	"total" numeric(8, 2) NOT NULL,
	"grade" text NOT NULL,
	"band" integer NOT NULL,
	"proposals_or_reports" integer NOT NULL,
	"activities" integer NOT NULL,
	"meets_minimums" boolean NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_scores_org_id_year_member_id_pk" PRIMARY KEY("org_id","year","member_id")
);
--> statement-breakpoint
CREATE TABLE "duty_settings" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_years" (
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"frozen" boolean DEFAULT false NOT NULL,
	"frozen_at" timestamp with time zone,
	"frozen_by_account_id" bigint,
	"rules_snapshot" jsonb,
	"computed_at" timestamp with time zone,
	"requested_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "duty_years_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
ALTER TABLE "duty_entries" ADD CONSTRAINT "duty_entries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_manual_entries" ADD CONSTRAINT "duty_manual_entries_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_manual_entries" ADD CONSTRAINT "duty_manual_entries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_manual_entries" ADD CONSTRAINT "duty_manual_entries_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_settings" ADD CONSTRAINT "duty_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_years" ADD CONSTRAINT "duty_years_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_years" ADD CONSTRAINT "duty_years_frozen_by_account_id_accounts_id_fk" FOREIGN KEY ("frozen_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duty_entries_member_idx" ON "duty_entries" USING btree ("org_id","year","member_id","occurred_on");--> statement-breakpoint
CREATE INDEX "duty_manual_org_day_idx" ON "duty_manual_entries" USING btree ("org_id","occurred_on","member_id");--> statement-breakpoint
CREATE INDEX "duty_manual_member_idx" ON "duty_manual_entries" USING btree ("member_id","occurred_on");--> statement-breakpoint
CREATE INDEX "duty_scores_rank_idx" ON "duty_scores" USING btree ("org_id","year","total","member_id");--> statement-breakpoint
CREATE INDEX "duty_scores_sector_idx" ON "duty_scores" USING btree ("org_id","year","sector_id","total");--> statement-breakpoint
CREATE INDEX "duty_scores_group_idx" ON "duty_scores" USING btree ("org_id","year","group_id","total");--> statement-breakpoint
CREATE INDEX "duty_years_requested_idx" ON "duty_years" USING btree ("requested_at") WHERE requested_at is not null and not frozen;