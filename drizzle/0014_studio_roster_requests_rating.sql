CREATE TABLE "studio_rating_manual" (
	"org_id" bigint NOT NULL,
	"studio_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"criterion_key" text NOT NULL,
	"score" numeric(6, 2) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_rating_manual_studio_id_year_criterion_key_pk" PRIMARY KEY("studio_id","year","criterion_key")
);
--> statement-breakpoint
CREATE TABLE "studio_rating_settings" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_rating_years" (
	"org_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"frozen" boolean DEFAULT false NOT NULL,
	"frozen_at" timestamp with time zone,
	"frozen_by_account_id" bigint,
	"snapshot" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "studio_rating_years_org_id_year_pk" PRIMARY KEY("org_id","year")
);
--> statement-breakpoint
CREATE TABLE "studio_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "studio_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"studio_id" bigint NOT NULL,
	"requester_name" text NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"content" text NOT NULL,
	"received_on" date NOT NULL,
	"received_by_member_id" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"outcome" text,
	"outcome_id" bigint,
	"reply" text DEFAULT '' NOT NULL,
	"closed_at" timestamp with time zone,
	"created_by_account_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_shifts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "studio_shifts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"studio_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"day" date NOT NULL,
	"slot" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_account_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studio_rating_manual" ADD CONSTRAINT "studio_rating_manual_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_rating_manual" ADD CONSTRAINT "studio_rating_manual_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_rating_settings" ADD CONSTRAINT "studio_rating_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_rating_years" ADD CONSTRAINT "studio_rating_years_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_rating_years" ADD CONSTRAINT "studio_rating_years_frozen_by_account_id_accounts_id_fk" FOREIGN KEY ("frozen_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_requests" ADD CONSTRAINT "studio_requests_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_requests" ADD CONSTRAINT "studio_requests_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_requests" ADD CONSTRAINT "studio_requests_received_by_member_id_members_id_fk" FOREIGN KEY ("received_by_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_requests" ADD CONSTRAINT "studio_requests_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_shifts" ADD CONSTRAINT "studio_shifts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_shifts" ADD CONSTRAINT "studio_shifts_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_shifts" ADD CONSTRAINT "studio_shifts_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_shifts" ADD CONSTRAINT "studio_shifts_done_by_account_id_accounts_id_fk" FOREIGN KEY ("done_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "studio_requests_studio_idx" ON "studio_requests" USING btree ("studio_id","status","id");--> statement-breakpoint
CREATE INDEX "studio_requests_org_closed_idx" ON "studio_requests" USING btree ("org_id","closed_at");--> statement-breakpoint
CREATE INDEX "studio_shifts_studio_day_idx" ON "studio_shifts" USING btree ("studio_id","day","id");--> statement-breakpoint
CREATE INDEX "studio_shifts_member_day_idx" ON "studio_shifts" USING btree ("member_id","day");--> statement-breakpoint
CREATE INDEX "studio_shifts_org_day_idx" ON "studio_shifts" USING btree ("org_id","day") WHERE status = 'done';