CREATE TABLE "campaign_activities" (
	"campaign_id" bigint NOT NULL,
	"activity_id" bigint NOT NULL,
	"org_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_activities_campaign_id_activity_id_pk" PRIMARY KEY("campaign_id","activity_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"name" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coop_item_members" (
	"item_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	CONSTRAINT "coop_item_members_item_id_member_id_pk" PRIMARY KEY("item_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "coop_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "coop_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"campaign_id" bigint,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"origin_activity_id" bigint,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text DEFAULT '' NOT NULL,
	"created_by_account_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coop_parties" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "coop_parties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" bigint NOT NULL,
	"party_org_id" bigint,
	"name" text NOT NULL,
	"seq" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coop_points" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "coop_points_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"content" text NOT NULL,
	"owner_party_id" bigint,
	"target" text DEFAULT '' NOT NULL,
	"due_date" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"evidence_ref" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coop_progress" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "coop_progress_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"item_id" bigint NOT NULL,
	"point_id" bigint,
	"author_org_id" bigint,
	"author_account_id" bigint,
	"author_name" text NOT NULL,
	"happened_on" date NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_links" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "record_links_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"from_type" text NOT NULL,
	"from_id" bigint NOT NULL,
	"to_type" text NOT NULL,
	"to_id" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "studio_profiles" (
	"studio_id" bigint PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"lead_member_id" bigint,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_activities" ADD CONSTRAINT "campaign_activities_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_activities" ADD CONSTRAINT "campaign_activities_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_activities" ADD CONSTRAINT "campaign_activities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_item_members" ADD CONSTRAINT "coop_item_members_item_id_coop_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."coop_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_item_members" ADD CONSTRAINT "coop_item_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_items" ADD CONSTRAINT "coop_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_items" ADD CONSTRAINT "coop_items_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_items" ADD CONSTRAINT "coop_items_origin_activity_id_activities_id_fk" FOREIGN KEY ("origin_activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_items" ADD CONSTRAINT "coop_items_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_parties" ADD CONSTRAINT "coop_parties_item_id_coop_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."coop_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_parties" ADD CONSTRAINT "coop_parties_party_org_id_organizations_id_fk" FOREIGN KEY ("party_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_points" ADD CONSTRAINT "coop_points_item_id_coop_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."coop_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_points" ADD CONSTRAINT "coop_points_owner_party_id_coop_parties_id_fk" FOREIGN KEY ("owner_party_id") REFERENCES "public"."coop_parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_progress" ADD CONSTRAINT "coop_progress_item_id_coop_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."coop_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_progress" ADD CONSTRAINT "coop_progress_point_id_coop_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."coop_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_progress" ADD CONSTRAINT "coop_progress_author_org_id_organizations_id_fk" FOREIGN KEY ("author_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coop_progress" ADD CONSTRAINT "coop_progress_author_account_id_accounts_id_fk" FOREIGN KEY ("author_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_links" ADD CONSTRAINT "record_links_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_links" ADD CONSTRAINT "record_links_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_profiles" ADD CONSTRAINT "studio_profiles_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_profiles" ADD CONSTRAINT "studio_profiles_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "studio_profiles" ADD CONSTRAINT "studio_profiles_lead_member_id_members_id_fk" FOREIGN KEY ("lead_member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_activities_activity_idx" ON "campaign_activities" USING btree ("activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_org_name_uq" ON "campaigns" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "campaigns_org_start_idx" ON "campaigns" USING btree ("org_id","start_date","id");--> statement-breakpoint
CREATE INDEX "coop_item_members_member_idx" ON "coop_item_members" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "coop_items_org_status_idx" ON "coop_items" USING btree ("org_id","status","id");--> statement-breakpoint
CREATE INDEX "coop_items_campaign_idx" ON "coop_items" USING btree ("campaign_id","status");--> statement-breakpoint
CREATE INDEX "coop_items_origin_idx" ON "coop_items" USING btree ("origin_activity_id");--> statement-breakpoint
CREATE INDEX "coop_parties_item_idx" ON "coop_parties" USING btree ("item_id","seq");--> statement-breakpoint
CREATE INDEX "coop_parties_org_idx" ON "coop_parties" USING btree ("party_org_id","item_id") WHERE party_org_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "coop_parties_item_name_uq" ON "coop_parties" USING btree ("item_id","name");--> statement-breakpoint
CREATE INDEX "coop_points_item_idx" ON "coop_points" USING btree ("item_id","seq");--> statement-breakpoint
CREATE INDEX "coop_points_owner_idx" ON "coop_points" USING btree ("owner_party_id");--> statement-breakpoint
CREATE INDEX "coop_progress_item_idx" ON "coop_progress" USING btree ("item_id","happened_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_links_pair_uq" ON "record_links" USING btree ("from_type","from_id","to_type","to_id");--> statement-breakpoint
CREATE INDEX "record_links_to_idx" ON "record_links" USING btree ("to_type","to_id");