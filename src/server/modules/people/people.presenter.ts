import type { Collective, Gender, Member, Unit } from '@common/people';
import type { CollectiveKind, UnitGroup } from '@common/roles';
import type { Actor } from '@server/lib/context';
import { rolesIn } from '@server/lib/context';
import type { collectiveProposers, units } from '@server/db/schema/index';
import type { MemberRow } from './members.repo';
import { nums } from './people.repo';

/**
 * Contact details (phone, e-mail, address) are for staff: a caller whose only role in the organization is
 * `member` sees them blank, except on the member record linked to their own account.
 */
export function contactVisibility(actor: Actor, orgId: number): (accountId: number | null) => boolean {
  const staff = actor.isPlatformAdmin || rolesIn(actor, orgId).some((r) => r !== 'member');
  return (accountId) => staff || accountId === actor.accountId;
}

export function presentMember(r: MemberRow, showContacts: boolean): Member {
  const terms = Array.isArray(r.terms) ? r.terms : [];
  const committees = Array.isArray(r.committees) ? r.committees : [];
  return {
    id: r.m.id,
    orgId: r.m.orgId,
    name: r.m.name,
    gender: r.m.gender as Gender,
    sectorId: r.m.sectorId,
    sectorName: r.sectorName,
    groupId: r.m.groupId,
    groupName: r.groupName,
    isStandingCommittee: r.m.isStandingCommittee,
    employer: r.m.employer,
    phone: showContacts ? r.m.phone : '',
    email: showContacts ? r.m.email : '',
    address: showContacts ? r.m.address : '',
    active: r.m.active,
    termIds: terms.map((t) => Number(t.id)),
    termNumbers: terms.map((t) => Number(t.number)),
    committeeIds: committees.map((c) => Number(c.id)),
    committeeNames: committees.map((c) => c.name),
    studioIds: nums(r.studioIds),
    accountId: r.m.accountId,
    version: r.m.version,
  };
}

/** What the audit log records of a member (ids, not names). */
export function memberSnapshot(r: MemberRow): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, version: _v, ...m } = r.m;
  const v = presentMember(r, true);
  return { ...m, termIds: v.termIds, committeeIds: v.committeeIds, studioIds: v.studioIds };
}

export type UnitRow = { u: typeof units.$inferSelect; orgIds: unknown };

export const presentUnit = (r: UnitRow): Unit => ({
  id: r.u.id,
  orgId: r.u.orgId,
  name: r.u.name,
  unitGroup: r.u.unitGroup as UnitGroup,
  contactName: r.u.contactName,
  contactPhone: r.u.contactPhone,
  duties: r.u.duties,
  active: r.u.active,
  orgIds: nums(r.orgIds),
  version: r.u.version,
});

export type CollectiveRow = { c: typeof collectiveProposers.$inferSelect; agents: unknown };

export const presentCollective = (r: CollectiveRow): Collective => ({
  id: r.c.id,
  orgId: r.c.orgId,
  kind: r.c.kind as CollectiveKind,
  name: r.c.name,
  agents: (Array.isArray(r.agents) ? (r.agents as Array<{ accountId: unknown; displayName: string }>) : []).map((a) => ({
    accountId: Number(a.accountId),
    displayName: a.displayName,
  })),
  version: r.c.version,
});
