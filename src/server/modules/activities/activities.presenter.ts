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
import type { DbOrTx } from '@server/db/client';
import type { Actor } from '@server/lib/context';
import { isActivityStaff } from './activities.access';
import * as repo from './activities.repo';

export function presentListItem(a: repo.ActivityRow): ActivityListItem {
  return {
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
export async function loadDetail(db: DbOrTx, row: repo.ActivityRow, actor: Actor, participant: repo.ParticipantRow | null): Promise<ActivityView> {
  const staff = isActivityStaff(actor, row.orgId);
  const [parts, speeches, outcomes] = await Promise.all([repo.participantsOf(db, row.id), repo.speechesOf(db, row.id), repo.outcomesOf(db, row.id)]);
  const status = row.status as ActivityStatus;
  const me = participant ? (parts.find((p) => p.id === participant.id) ?? participant) : null;
  return {
    ...presentListItem(row),
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
    abilities: staff ? activityActionsFrom(status) : [],
    canRequestLeave: !!me && status === 'planned' && (me.leaveStatus === 'none' || me.leaveStatus === 'rejected') && !me.signedInAt,
    canSignIn: !!me && (status === 'planned' || status === 'held') && !me.signedInAt,
  };
}
