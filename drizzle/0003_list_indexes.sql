CREATE INDEX "proposal_assignments_unit_status_deadline_idx" ON "proposal_assignments" USING btree ("org_id","unit_id","status","deadline","id");--> statement-breakpoint
CREATE INDEX "proposals_org_session_id_idx" ON "proposals" USING btree ("org_id","session_id","id");--> statement-breakpoint
CREATE INDEX "proposals_org_category_id_idx" ON "proposals" USING btree ("org_id","category_id","id");