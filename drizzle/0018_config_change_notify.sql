-- Every change to the small configuration that requests read all the time (the working-day calendar and each
-- organization's proposal, activity, duty and studio-rating settings) is announced on the channel xs_config with the
-- table's name, so each app instance drops its in-memory copy (src/server/lib/config-cache.ts). Statement triggers
-- catch every writer (routes, the CLI, the demo loader, SQL by hand); the notification is sent at commit, once per
-- table and transaction.
CREATE OR REPLACE FUNCTION xs_config_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('xs_config', TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER calendar_overrides_config_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_overrides FOR EACH STATEMENT EXECUTE FUNCTION xs_config_notify();
--> statement-breakpoint
CREATE TRIGGER calendar_years_config_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_years FOR EACH STATEMENT EXECUTE FUNCTION xs_config_notify();
--> statement-breakpoint
CREATE TRIGGER proposal_settings_config_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON proposal_settings FOR EACH STATEMENT EXECUTE FUNCTION xs_config_notify();
--> statement-breakpoint
CREATE TRIGGER activity_settings_config_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_settings FOR EACH STATEMENT EXECUTE FUNCTION xs_config_notify();
--> statement-breakpoint
CREATE TRIGGER duty_settings_config_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON duty_settings FOR EACH STATEMENT EXECUTE FUNCTION xs_config_notify();
--> statement-breakpoint
CREATE TRIGGER studio_rating_settings_config_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON studio_rating_settings FOR EACH STATEMENT EXECUTE FUNCTION xs_config_notify();
