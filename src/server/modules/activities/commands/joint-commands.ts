import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { pick } from '@common/messages';
import {
  JOINT_ACTION_LABELS,
  JOINT_RESPOND_ROLES,
  JOINT_STATUS_LABELS,
  findJointTransition,
  jointActionsFor,
  type JointAction,
  type JointSide,
  type JointStatus,
} from '@common/joint';
import type { Db, Tx } from '@server/db/client';
import { activityOrgs, organizations } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, invalid, notFound, staleVersion } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import { activitiesChanged } from '@server/modules/search/hooks';
import { loadActivity } from '../activities.access';
import * as repo from '../activities.repo';
import * as jointRepo from '../joint.repo';

/** 409 naming the invitation's status and what the caller's side may do in it. */
function jointRefused(req: FastifyRequest, status: JointStatus | null, action: JointAction, side: JointSide): AppError {
  const lang = req.lang;
  const allowed = status ? jointActionsFor(status, side).map((a) => pick(JOINT_ACTION_LABELS[a], lang)) : [];
  return new AppError(409, 'joint_transition_refused', {
    params: {
      state: status ? pick(JOINT_STATUS_LABELS[status], lang) : '—',
      action: pick(JOINT_ACTION_LABELS[action], lang),
      allowed: allowed.length ? allowed.join(lang === 'en' ? ', ' : '、') : lang === 'en' ? 'none' : '无',
    },
    details: { state: status, action },
  });
}

/**
 * The host organization's activity staff invite another organization of the deployment to a joint activity
 * (联合协商 or any type). A first invitation, or a new one after a decline or a withdrawal; an organization already
 * invited or accepted → 409. Audited in the host's chain; the invited organization's admins are notified.
 */
export async function inviteOrg(req: FastifyRequest, db: Db, activityId: number, targetOrgId: number): Promise<void> {
  const { row: pre, side, orgId, actor } = await loadActivity(req, db, activityId);
  if (side !== 'host') throw new AppError(403, 'joint_host_only');
  if (targetOrgId === pre.orgId) throw new AppError(400, 'joint_self', { field: 'orgId' });
  const [target] = await db
    .select({ id: organizations.id, name: organizations.shortName })
    .from(organizations)
    .where(eq(organizations.id, targetOrgId));
  if (!target) throw invalid('orgId', 'unknown_ref', { value: targetOrgId });
  await db.transaction(async (tx) => {
    const row = await repo.lockActivity(tx, activityId);
    if (!row) throw notFound();
    if (row.status === 'cancelled' || row.status === 'closed') throw new AppError(409, 'joint_activity_closed');
    const [existing] = await tx
      .select()
      .from(activityOrgs)
      .where(sql`${activityOrgs.activityId} = ${activityId} and ${activityOrgs.orgId} = ${targetOrgId}`)
      .for('update');
    const from = (existing?.status as JointStatus | undefined) ?? null;
    if (!findJointTransition(from, 'invite')) throw jointRefused(req, from, 'invite', 'host');
    const values = {
      status: 'invited',
      reason: '',
      invitedByAccountId: actor.accountId,
      invitedAt: new Date(),
      respondedByAccountId: null,
      respondedAt: null,
      updatedAt: new Date(),
    };
    if (existing)
      await tx
        .update(activityOrgs)
        .set({ ...values, version: sql`${activityOrgs.version} + 1` })
        .where(eq(activityOrgs.id, existing.id));
    else await tx.insert(activityOrgs).values({ ...values, activityId, orgId: targetOrgId, hostOrgId: row.orgId, startsAt: row.startsAt });
    // The index row carries the organization tokens of every invited organization (search.text.ts orgLexeme).
    await activitiesChanged(tx, [activityId]);
    await writeAudit(tx, req.auditActor(), {
      orgId,
      entityType: 'activity',
      entityId: activityId,
      action: 'joint_invite',
      before: { partner: target.name, jointStatus: from },
      after: { partner: target.name, jointStatus: 'invited' },
    });
    const recipients = await jointRepo.accountsWithRole(tx, targetOrgId, JOINT_RESPOND_ROLES);
    if (recipients.length) {
      const host = await jointRepo.orgName(tx, row.orgId);
      await emit(tx, targetOrgId, 'activity.joint_invite', {
        recipients,
        kind: 'activity',
        title: `联合活动邀请：${row.topic}`,
        body: `${host}邀请贵组织联合举办「${row.type}」，请在“联合活动邀请”中答复。`,
        link: '/joint-invitations',
      });
    }
  });
}

export type JointResponse = 'accept' | 'decline' | 'withdraw';

/**
 * Answers an invitation: the invited organization's admin accepts or declines (with a reason), or the host's staff
 * withdraw a pending one. Access: the route's permission in the answering organization (another organization → 404).
 * Version-checked (409); the transition table decides (409). Accept and decline are audited in BOTH organizations'
 * chains; a withdrawal in the host's. The other side is notified.
 */
export async function answerInvitation(
  req: FastifyRequest,
  db: Db,
  jointId: number,
  action: JointResponse,
  version: number,
  reason = '',
): Promise<void> {
  const pre = await jointRepo.getJoint(db, jointId);
  if (!pre) throw notFound();
  const side: JointSide = action === 'withdraw' ? 'host' : 'partner';
  const actor = req.authorize(side === 'host' ? pre.hostOrgId : pre.orgId);
  if (action === 'decline' && !reason.trim()) throw invalid('reason', 'required');
  await db.transaction(async (tx: Tx) => {
    const j = await jointRepo.lockJoint(tx, jointId);
    if (!j) throw notFound();
    const t = findJointTransition(j.status as JointStatus, action);
    if (!t || t.side !== side) throw jointRefused(req, j.status as JointStatus, action, side);
    if (j.version !== version) throw staleVersion();
    await tx
      .update(activityOrgs)
      .set({
        status: t.to,
        reason: action === 'accept' ? '' : reason.trim(),
        respondedByAccountId: actor.accountId,
        respondedAt: new Date(),
        version: sql`${activityOrgs.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(activityOrgs.id, j.id));
    const activity = await repo.getActivity(tx, j.activityId);
    const [partnerName, hostName] = await Promise.all([jointRepo.orgName(tx, j.orgId), jointRepo.orgName(tx, j.hostOrgId)]);
    const entry = {
      entityType: 'activity',
      entityId: j.activityId,
      action: `joint_${action}`,
      before: { partner: partnerName, host: hostName, jointStatus: j.status },
      after: { partner: partnerName, host: hostName, jointStatus: t.to },
      reason: reason.trim() || undefined,
    };
    const chains = side === 'partner' ? [j.orgId, j.hostOrgId] : [j.hostOrgId];
    for (const orgId of chains) await writeAudit(tx, req.auditActor(), { orgId, ...entry });
    const topic = activity?.topic ?? '';
    if (side === 'partner' && j.invitedByAccountId)
      await emit(tx, j.hostOrgId, `activity.joint_${action}`, {
        recipients: [j.invitedByAccountId],
        kind: 'activity',
        title: `${partnerName}${action === 'accept' ? '已接受' : '谢绝了'}联合活动邀请：${topic}`,
        body: reason.trim() || undefined,
        link: `/activities/${j.activityId}`,
      });
    if (side === 'host') {
      const recipients = await jointRepo.accountsWithRole(tx, j.orgId, JOINT_RESPOND_ROLES);
      if (recipients.length)
        await emit(tx, j.orgId, 'activity.joint_withdraw', {
          recipients,
          kind: 'activity',
          title: `${hostName}撤回了联合活动邀请：${topic}`,
          link: '/joint-invitations',
        });
    }
  });
}
