/**
 * The work system's clock (工作制度逾期提醒): when an active obligation of the party committee and government toward
 * the CPPCC falls overdue — past its due day, or a yearly one whose previous year ended incomplete — the offices
 * that keep the tracker (WORK_STAFF_ROLES) and the organization's leaders are told once. Each notice is keyed
 * `work_obligation:<id>:<due>:overdue` in proposal_reminders (unique), inserted in the same transaction as the
 * outbox event, so it is sent once across restarts and app instances; the next period's due day is a new key.
 */
import { sql } from 'drizzle-orm';
import { WORK_STAFF_ROLES } from '@common/worksystem';
import type { Db } from '@server/db/client';
import { proposalReminders } from '@server/db/schema/index';
import { emit } from '@server/lib/outbox';
import { accountsWithRole } from '@server/modules/activities/joint.repo';
import { isFlagged, obligationsWithClocks } from './worksystem.clocks';

export const overdueKey = (id: number, due: string) => `work_obligation:${id}:${due}:overdue`;

/** Runs the clock for every organization with an active obligation; returns how many notices were sent. */
export async function runWorkClocks(db: Db): Promise<{ notices: number }> {
  const orgs = (await db.execute(sql`select distinct org_id from work_obligations where active`)) as unknown as { rows: Array<{ org_id: number | string }> };
  let notices = 0;
  for (const { org_id } of orgs.rows) {
    const orgId = Number(org_id);
    const flagged = (await obligationsWithClocks(db, orgId)).filter((o) => o.row.active && isFlagged(o.clock));
    if (!flagged.length) continue;
    const recipients = await accountsWithRole(db, orgId, [...WORK_STAFF_ROLES, 'leader']);
    if (!recipients.length) continue;
    for (const o of flagged) {
      const sent = await db.transaction(async (tx) => {
        const ins = await tx.insert(proposalReminders).values({ orgId, key: overdueKey(o.row.id, o.clock.due) }).onConflictDoNothing().returning();
        if (!ins.length) return false;
        const who = o.row.responsible ? `（责任方：${o.row.responsible}）` : '';
        await emit(tx, orgId, 'work_obligation.overdue', {
          recipients,
          kind: 'work_obligation',
          title: `工作制度事项逾期：${o.row.name}`,
          body: o.clock.state === 'overdue' ? `应于 ${o.clock.due} 前落实${who}，尚无落实记录。` : `上一年度未落实完毕${who}，请尽快补记。`,
          link: '/work-system',
          email: true,
        });
        return true;
      });
      if (sent) notices++;
    }
  }
  return { notices };
}
