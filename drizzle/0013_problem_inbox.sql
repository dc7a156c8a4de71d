ALTER TABLE "problem_issue_units" ADD COLUMN "response_due" date;--> statement-breakpoint
ALTER TABLE "problem_issue_units" ADD COLUMN "issue_status" text;--> statement-breakpoint
UPDATE "problem_issue_units" iu SET "response_due" = i."response_due", "issue_status" = i."status" FROM "problem_issues" i WHERE i."id" = iu."issue_id";--> statement-breakpoint
-- The copies are the database's to keep: filled from the issue on insert, rewritten when the issue changes.
CREATE FUNCTION "problem_issue_units_fill"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT i."response_due", i."status" INTO NEW."response_due", NEW."issue_status" FROM "problem_issues" i WHERE i."id" = NEW."issue_id";
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "problem_issue_units_fill" BEFORE INSERT OR UPDATE OF "issue_id" ON "problem_issue_units"
  FOR EACH ROW EXECUTE FUNCTION "problem_issue_units_fill"();--> statement-breakpoint
CREATE FUNCTION "problem_issues_sync_units"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "problem_issue_units" SET "response_due" = NEW."response_due", "issue_status" = NEW."status" WHERE "issue_id" = NEW."id";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "problem_issues_sync_units" AFTER UPDATE OF "status", "response_due" ON "problem_issues"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."response_due" IS DISTINCT FROM NEW."response_due")
  EXECUTE FUNCTION "problem_issues_sync_units"();--> statement-breakpoint
CREATE INDEX "problem_issue_units_inbox_idx" ON "problem_issue_units" USING btree ("unit_id","response_due","issue_id");--> statement-breakpoint
CREATE INDEX "problem_issue_units_inbox_status_idx" ON "problem_issue_units" USING btree ("unit_id","issue_status","response_due","issue_id");
