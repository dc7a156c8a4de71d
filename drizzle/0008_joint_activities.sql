CREATE TABLE "activity_orgs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_orgs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"activity_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"host_org_id" bigint NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"invited_by_account_id" bigint,
	"responded_by_account_id" bigint,
	"reason" text DEFAULT '' NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_orgs" ADD CONSTRAINT "activity_orgs_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_orgs" ADD CONSTRAINT "activity_orgs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_orgs" ADD CONSTRAINT "activity_orgs_host_org_id_organizations_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_orgs" ADD CONSTRAINT "activity_orgs_invited_by_account_id_accounts_id_fk" FOREIGN KEY ("invited_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_orgs" ADD CONSTRAINT "activity_orgs_responded_by_account_id_accounts_id_fk" FOREIGN KEY ("responded_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_orgs_activity_org_uq" ON "activity_orgs" USING btree ("activity_id","org_id");--> statement-breakpoint
CREATE INDEX "activity_orgs_org_status_idx" ON "activity_orgs" USING btree ("org_id","status","starts_at","activity_id");--> statement-breakpoint
CREATE INDEX "activity_orgs_host_status_idx" ON "activity_orgs" USING btree ("host_org_id","status","starts_at");