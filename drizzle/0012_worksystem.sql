CREATE TABLE "leader_attendances" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "leader_attendances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"activity_id" bigint NOT NULL,
	"leader_name" text NOT NULL,
	"leader_title" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_fulfilments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_fulfilments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"obligation_id" bigint NOT NULL,
	"fulfilled_on" date NOT NULL,
	"note" text NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"attachment_ref" text DEFAULT '' NOT NULL,
	"leaders" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"link_kind" text,
	"link_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "work_obligations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "work_obligations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"org_id" bigint NOT NULL,
	"code" text DEFAULT 'custom' NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"frequency" text NOT NULL,
	"every_months" integer,
	"responsible" text DEFAULT '' NOT NULL,
	"leaders" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"start_date" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leader_attendances" ADD CONSTRAINT "leader_attendances_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leader_attendances" ADD CONSTRAINT "leader_attendances_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_fulfilments" ADD CONSTRAINT "work_fulfilments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_fulfilments" ADD CONSTRAINT "work_fulfilments_obligation_id_work_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."work_obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_obligations" ADD CONSTRAINT "work_obligations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leader_attendances_activity_leader_uq" ON "leader_attendances" USING btree ("activity_id","leader_name");--> statement-breakpoint
CREATE INDEX "leader_attendances_org_idx" ON "leader_attendances" USING btree ("org_id","activity_id");--> statement-breakpoint
CREATE INDEX "work_fulfilments_obligation_idx" ON "work_fulfilments" USING btree ("obligation_id","fulfilled_on","id");--> statement-breakpoint
CREATE INDEX "work_fulfilments_org_idx" ON "work_fulfilments" USING btree ("org_id","obligation_id");--> statement-breakpoint
CREATE INDEX "work_obligations_org_idx" ON "work_obligations" USING btree ("org_id","sort","id");--> statement-breakpoint
CREATE INDEX "work_obligations_org_code_idx" ON "work_obligations" USING btree ("org_id","code");