-- Every change that can alter what a session may do is announced on the channel xs_auth with the account's id,
-- so each app instance drops that account's cached sessions (src/server/lib/session-cache.ts). Triggers catch
-- every writer (routes, the CLI, the demo loader, SQL by hand). The notification is sent at commit.
CREATE OR REPLACE FUNCTION xs_auth_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acc bigint;
BEGIN
  -- Nested IFs: a record's fields may only be named on the tables that have them.
  IF TG_TABLE_NAME = 'accounts' THEN
    IF TG_OP = 'DELETE' THEN acc := OLD.id; ELSE acc := NEW.id; END IF;
  ELSE
    IF TG_OP = 'DELETE' THEN acc := OLD.account_id; ELSE acc := NEW.account_id; END IF;
    IF TG_OP = 'UPDATE' THEN
      IF OLD.account_id IS DISTINCT FROM NEW.account_id THEN
        PERFORM pg_notify('xs_auth', OLD.account_id::text);
      END IF;
    END IF;
  END IF;
  PERFORM pg_notify('xs_auth', acc::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER accounts_auth_notify AFTER UPDATE OR DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION xs_auth_notify();
--> statement-breakpoint
CREATE TRIGGER role_grants_auth_notify AFTER INSERT OR UPDATE OR DELETE ON role_grants FOR EACH ROW EXECUTE FUNCTION xs_auth_notify();
--> statement-breakpoint
CREATE TRIGGER auth_sessions_auth_notify_delete AFTER DELETE ON auth_sessions FOR EACH ROW EXECUTE FUNCTION xs_auth_notify();
--> statement-breakpoint
-- Not the sliding expiry (last_seen_at and a later expires_at, written at most once a minute a session).
CREATE TRIGGER auth_sessions_auth_notify_update AFTER UPDATE ON auth_sessions FOR EACH ROW
  WHEN (OLD.active_org_id IS DISTINCT FROM NEW.active_org_id OR OLD.csrf_token IS DISTINCT FROM NEW.csrf_token
        OR OLD.account_id IS DISTINCT FROM NEW.account_id OR OLD.token_hash IS DISTINCT FROM NEW.token_hash
        OR NEW.expires_at < OLD.expires_at)
  EXECUTE FUNCTION xs_auth_notify();
