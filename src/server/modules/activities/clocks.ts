/**
 * The minutes clock (纪要时限): for every held activity whose minutes are not filed, a reminder to the organizer
 * one working day before the due day, and an overdue notice from the first working day after it. Each reminder is
 * keyed `activity_minutes:<id>:<due>:<offset>` in proposal_reminders (unique), inserted in the same transaction as
 * the outbox event, so it is sent once across restarts and instances; a moved due day is a new key.
 */
import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { activities, proposalReminders } from '@server/db/schema/index';
import { emit } from '@server/lib/outbox';
import { loadWorkCalendar, todayInChina } from '@server/lib/workdays';

export const minutesReminderKey = (id: number, due: string, offset: number) => `activity_minutes:${id}:${due}:${offset}`;

/** Runs the minutes clock for `today` (China date); returns how many reminders were sent. */
export async function runActivityClocks(db: Db, opts: { today?: string } = {}): Promise<{ reminders: number }> {
  const today = opts.today ?? todayInChina();
  const cal = await loadWorkCalendar(db);
  // Anything due by the next working day is a candidate.
  const horizon = cal.addWorkdays(today, 1).date;
  const rows = await db
    .select()
    .from(activities)
    .where(and(eq(activities.status, 'held'), isNotNull(activities.minutesDue), lte(activities.minutesDue, horizon)))
    .limit(5000);
  let reminders = 0;
  for (const a of rows) {
    const due = a.minutesDue!;
    const offset = today > due ? (today >= cal.addWorkdays(due, 1).date ? 0 : null) : 1;
    if (offset === null || !a.createdByAccountId) continue;
    const sent = await db.transaction(async (tx) => {
      const ins = await tx.insert(proposalReminders).values({ orgId: a.orgId, key: minutesReminderKey(a.id, due, offset) }).onConflictDoNothing().returning();
      if (!ins.length) return false;
      await emit(tx, a.orgId, offset === 0 ? 'activity.minutes_overdue' : 'activity.minutes_due', {
        recipients: [a.createdByAccountId!],
        kind: 'activity',
        title: offset === 0 ? `纪要已逾期：${a.topic}` : `纪要即将到期：${a.topic}`,
        body: `纪要应于 ${due} 前报送。`,
        link: `/activities/${a.id}`,
        email: true,
      });
      return true;
    });
    if (sent) reminders++;
  }
  return { reminders };
}
