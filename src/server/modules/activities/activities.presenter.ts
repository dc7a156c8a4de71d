import {
  activityActionsFrom,
  type ActivityListItem,
  type ActivityStatus,
  type ActivityView,
  type Attendance,
  type LeaveStatus,
  type OrganizerKind,
  type OutcomeKind,
  type ParticipantKind,
  type ParticipantView,
  type SpeechKind,
} from '@common/activities';
import { HOST_ONLY_ACTIONS, jointActionsFor, type JointStatus, type JointView } from '@common/joint';
import type { DbOrTx } from '@server/db/client';
import type { Actor } from '@server/lib/context';
import { isActivityStaff } from './activities.access';
import * as repo from './activities.repo';
import * as jointRepo from './joint.repo';

/** A list row; `jointIds` holds the activities with a pending or accepted partner (联合 tag). */
/** A list item; `joint` from the row when it was read with it (ActivityListRow), otherwise from `jointIds`. */
export function presentListItem(a: repo.ActivityRow | repo.ActivityListRow, jointIds?: Set<number>): ActivityListItem {
  return {
    joint: 'joint' in a ? a.joint : (jointIds?.has(a.id) ?? false),
    id: a.id,
    orgId: a.orgId,
    type: a.type,
    topic: a.topic,
    organizerKind: a.organizerKind as OrganizerKind,
    organizerName: a.organizerName,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    place: a.place,
    online: a.online,
    status: a.status as ActivityStatus,
    minutesDue: a.minutesDue,
    version: a.version,
  };
}

export function presentParticipant(p: repo.ParticipantRow): ParticipantView {
  return {
    id: p.id,
    orgId: p.orgId,
    kind: p.kind as ParticipantKind,
    memberId: p.memberId,
    unitId: p.unitId,
    name: p.name,
    attendance: p.attendance as Attendance,
    signedInAt: p.signedInAt?.toISOString() ?? null,
    leaveStatus: p.leaveStatus as LeaveStatus,
    leaveReason: p.leaveReason,
    leaveNote: p.leaveNote,
    version: p.version,
  };
}

/**
 * The activity page. Staff see every participant with leave reasons; an invited member sees the list of names and
 * attendance, but other people's leave reasons are withheld.
 */
export async function loadDetail(
  db: DbOrTx,
  row: repo.ActivityRow,
  actor: Actor,
  participant: repo.ParticipantRow | null,
  acting: { orgId: number; side: 'host' | 'partner' } = { orgId: row.orgId, side: 'host' },
): Promise<ActivityView> {
  const staff = isActivityStaff(actor, acting.orgId);
  const [parts, speeches, outcomes, partners, hostOrgName] = await Promise.all([
    repo.participantsOf(db, row.id),
    repo.speechesOf(db, row.id),
    repo.outcomesOf(db, row.id),
    jointRepo.partnersOf(db, row.id),
    jointRepo.orgName(db, row.orgId),
  ]);
  const status = row.status as ActivityStatus;
  const hostStaff = staff && acting.side === 'host';
  const joint: JointView = {
    hostOrgId: row.orgId,
    hostOrgName,
    side: acting.side,
    actingOrgId: acting.orgId,
    // Members see the accepted partners only; staff see every invitation with its status.
    partners: partners
      .filter((p) => staff || p.j.status === 'accepted')
      .map((p) => ({
        id: p.j.id,
        orgId: p.j.orgId,
        orgName: p.orgName,
        status: p.j.status as JointStatus,
        reason: staff ? p.j.reason : '',
        invitedAt: p.j.invitedAt.toISOString(),
        respondedAt: p.j.respondedAt?.toISOString() ?? null,
        version: p.j.version,
        abilities: hostStaff ? jointActionsFor(p.j.status as JointStatus, 'host') : [],
      })),
    canInviteOrg: hostStaff && status !== 'cancelled' && status !== 'closed',
  };
  const abilities = staff ? activityActionsFrom(status).filter((a) => acting.side === 'host' || !(HOST_ONLY_ACTIONS as readonly string[]).includes(a)) : [];
  const me = participant ? (parts.find((p) => p.id === participant.id) ?? participant) : null;
  return Object.assign(presentListItem(row), {
    agenda: row.agenda,
    minutes: row.minutes,
    cancelReason: row.cancelReason,
    minutesDueProvisional: row.minutesDueProvisional,
    minutesFiledAt: row.minutesFiledAt?.toISOString() ?? null,
    organizerRefId: row.organizerRefId,
    participants: parts.map((p) => {
      const v = presentParticipant(p);
      return staff || p.id === me?.id ? v : { ...v, leaveReason: '', leaveNote: '' };
    }),
    speeches: speeches.map((s) => ({
      id: s.id,
      kind: s.kind as SpeechKind,
      participantId: s.participantId,
      authorName: s.authorName,
      title: s.title,
      body: s.body,
      createdAt: s.createdAt.toISOString(),
    })),
    outcomes: outcomes.map((o) => ({
      id: o.o.id,
      kind: o.o.kind as OutcomeKind,
      title: o.o.title,
      authorName: o.collectiveName ?? '',
      issues: o.issues,
      instructions: o.instructions,
    })),
    me: me ? presentParticipant(me) : null,
    abilities,
    joint,
    canRequestLeave: !!me && status === 'planned' && (me.leaveStatus === 'none' || me.leaveStatus === 'rejected') && !me.signedInAt,
    canSignIn: !!me && (status === 'planned' || status === 'held') && !me.signedInAt,
  });
}
