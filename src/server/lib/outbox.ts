import type { DbOrTx } from '@server/db/client';
import { outbox } from '@server/db/schema/index';

/** A notification event: who receives it and what it says. */
export interface NotifyPayload {
  recipients: number[];
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Also send e-mail to recipients with an address (when SMTP is configured). */
  email?: boolean;
}

/** Writes an event to the outbox in the caller's transaction; the worker delivers it after commit. */
export async function emit(tx: DbOrTx, orgId: number | null, eventType: string, payload: NotifyPayload): Promise<void> {
  await tx.insert(outbox).values({ orgId, eventType, payload });
}
