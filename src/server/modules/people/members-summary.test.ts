import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, MemberSummary } from '@common/people';
import { createOrg, createTestApp, createUnit, signedIn, type TestContext } from '../../../../test/helpers';
import { orgWithCatalogs } from './people.fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('GET /api/orgs/:orgId/members/summary', () => {
  it('counts the active members of the current (highest-numbered) term by sector, gender and committee', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const other = await orgWithCatalogs(ctx.database);
    const admin = await signedIn(ctx, [
      { orgId: f.org.id, role: 'org_admin' },
      { orgId: other.org.id, role: 'org_admin' },
    ]);
    const mk = async (orgId: number, body: Record<string, unknown>) => {
      const r = await admin.post(`/api/orgs/${orgId}/members`, body);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as Member;
    };
    await mk(f.org.id, {
      name: '甲',
      gender: 'female',
      sectorId: f.econ.id,
      termIds: [f.t12.id],
      isStandingCommittee: true,
      committeeIds: [f.c1.id],
    });
    await mk(f.org.id, {
      name: '乙',
      gender: 'male',
      sectorId: f.econ.id,
      termIds: [f.t11.id, f.t12.id],
      committeeIds: [f.c1.id, f.c2.id],
    });
    await mk(f.org.id, { name: '丙', gender: 'male', sectorId: f.edu.id, termIds: [f.t12.id] });
    await mk(f.org.id, { name: '丁', termIds: [f.t12.id] }); // no sector, gender not given
    // Not counted: a member of the past term only, a member who left (inactive), another organization's member.
    await mk(f.org.id, {
      name: '戊',
      gender: 'male',
      sectorId: f.econ.id,
      termIds: [f.t11.id],
      isStandingCommittee: true,
      committeeIds: [f.c2.id],
    });
    await mk(f.org.id, { name: '己', gender: 'female', sectorId: f.econ.id, termIds: [f.t12.id], active: false, committeeIds: [f.c1.id] });
    await mk(other.org.id, { name: '庚', gender: 'female', sectorId: other.econ.id, termIds: [other.t12.id], committeeIds: [other.c1.id] });

    const leader = await signedIn(ctx, [{ orgId: f.org.id, role: 'leader' }]);
    const res = await leader.get(`/api/orgs/${f.org.id}/members/summary`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json() as MemberSummary).toEqual({
      term: { id: f.t12.id, number: 12 },
      total: 4,
      standing: 1,
      bySector: [
        { sectorId: f.econ.id, name: '经济界', count: 2 },
        { sectorId: f.edu.id, name: '教育界', count: 1 },
        { sectorId: null, name: null, count: 1 },
      ],
      byGender: [
        { gender: '', count: 1 },
        { gender: 'male', count: 2 },
        { gender: 'female', count: 1 },
      ],
      byCommittee: [
        { committeeId: f.c1.id, name: '提案委员会', count: 2 },
        { committeeId: f.c2.id, name: '经济委员会', count: 1 },
      ],
    });

    // A bar opens the member list with the same filter, and the list shows exactly the counted members.
    const list = await leader.get(`/api/orgs/${f.org.id}/members?sectorId=${f.econ.id}&termId=${f.t12.id}&active=true`);
    expect((list.json().items as Member[]).map((m) => m.name).sort()).toEqual(['乙', '甲'].sort());
    const none = await leader.get(`/api/orgs/${f.org.id}/members?noSector=true&termId=${f.t12.id}&active=true`);
    expect((none.json().items as Member[]).map((m) => m.name)).toEqual(['丁']);
  });

  it('counts every active member while the organization has no term, and zero for an empty organization', async () => {
    const org = await createOrg(ctx.database);
    const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    const empty = await admin.get(`/api/orgs/${org.id}/members/summary`);
    expect(empty.json()).toEqual({ term: null, total: 0, standing: 0, bySector: [], byGender: [], byCommittee: [] });
    await admin.post(`/api/orgs/${org.id}/members`, { name: '甲' });
    await admin.post(`/api/orgs/${org.id}/members`, { name: '乙', active: false });
    const res = await admin.get(`/api/orgs/${org.id}/members/summary`);
    expect(res.json()).toMatchObject({ term: null, total: 1, bySector: [{ sectorId: null, count: 1 }] });
  });

  it('is refused (403) to a role that cannot read members and hidden (404) from another organization', async () => {
    const f = await orgWithCatalogs(ctx.database);
    const url = `/api/orgs/${f.org.id}/members/summary`;
    const unit = await createUnit(ctx.database, f.org.id);
    const handler = await signedIn(ctx, [{ orgId: f.org.id, role: 'unit_handler', unitId: unit.id }]);
    const refused = await handler.get(url);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    const member = await signedIn(ctx, [{ orgId: f.org.id, role: 'member' }]);
    expect((await member.get(url)).statusCode).toBe(200);
    const elsewhere = await createOrg(ctx.database);
    const stranger = await signedIn(ctx, [{ orgId: elsewhere.id, role: 'org_admin' }]);
    expect((await stranger.get(url)).statusCode).toBe(404);
  });
});
