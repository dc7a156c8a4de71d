/** The office's suggestions route: office only, learned from the organization's own decisions, updated at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProposalSuggestions } from '@common/assist';
import { proposalCategories } from '@server/db/schema/index';
import { createTestApp, createUnit, eventually, signedIn, uniq, type Client, type TestContext } from '../../../../test/helpers';
import { proposalOrg, submitted } from '../proposals/proposals.fixtures';
import * as repo from './assist.repo';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const TRANSPORT = [
  ['关于开通县城至峨溶镇公交线路的建议', '<p>峨溶镇群众出行难，建议开通城乡公交线路，增加班次。</p>'],
  ['关于优化农村客运班车线路的建议', '<p>农村客运班车线路少，建议优化线路，方便群众出行。</p>'],
  ['关于增设公交站点和候车亭的建议', '<p>城区公交站点不足，建议增设站点和候车亭。</p>'],
] as const;
const SCHOOL = [
  ['关于改善农村学校教师待遇的建议', '<p>农村学校教师待遇偏低，建议提高乡村教师补助。</p>'],
  ['关于加快学前教育幼儿园建设的建议', '<p>学前教育资源不足，建议新建幼儿园，扩充学位。</p>'],
  ['关于减轻中小学生课业负担的建议', '<p>中小学生课业负担重，建议学校规范作业管理。</p>'],
] as const;

async function setup() {
  const o = await proposalOrg(ctx);
  const [school] = await ctx.database.db.insert(proposalCategories).values({ orgId: o.org.id, name: '教育事业' }).returning();
  const busUnit = o.unit; // 县交通运输委…: its name also matches the built-in 交通运输 profile
  // Names that match no built-in profile and no 职能 text: these units are known only from the office's decisions.
  const eduUnit = await createUnit(ctx.database, o.org.id, { name: uniq('乙单位') });
  const helper = await createUnit(ctx.database, o.org.id, { name: uniq('丙单位') });
  const m = await o.member();
  const registered = async (subject: string, body: string, categoryId: number) => {
    const s = await submitted(m, o.org.id, { subject, body, categoryId, isPublic: false });
    const r = await o.staff.post(`/api/proposals/${s.id}/register`, { version: s.version });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { id: number; version: number; numberLabel: string };
  };
  const assign = async (p: { id: number; version: number }, units: number[]) => {
    const r = await o.staff.post(`/api/proposals/${p.id}/assign`, { version: p.version, assignMode: units.length > 1 ? 'lead_co' : 'sole', units });
    expect(r.statusCode, r.body).toBe(200);
  };
  const suggest = async (c: Client, id: number) => {
    const r = await c.get(`/api/orgs/${o.org.id}/proposals/${id}/suggestions`);
    return { status: r.statusCode, body: r.json() as ProposalSuggestions };
  };
  return { o, school, busUnit, eduUnit, helper, m, registered, assign, suggest };
}

describe('GET /api/orgs/:orgId/proposals/:id/suggestions', () => {
  it('suggests the category and the units the office chose for similar proposals, with their basis', async () => {
    const { o, school, busUnit, eduUnit, helper, m, registered, assign, suggest } = await setup();
    for (const [s, b] of TRANSPORT) await assign(await registered(s, b, o.category.id), [busUnit.id, helper.id]);
    for (const [s, b] of SCHOOL) await assign(await registered(s, b, school.id), [eduUnit.id]);
    const target = await submitted(m, o.org.id, { subject: '关于加密城乡公交班次的建议', body: '<p>城乡公交班次少，群众出行不便，建议增加公交线路班次。</p>' });

    const r = await suggest(o.staff, target.id);
    expect(r.status).toBe(200);
    expect(r.body.learnedFrom).toBe(6);
    expect(r.body.categories[0]).toMatchObject({ categoryId: o.category.id, name: '经济建设' });
    expect(r.body.categories.length).toBeLessThanOrEqual(3);
    expect(r.body.categories[0].basis.length).toBeGreaterThan(0);
    expect(r.body.leadUnits[0].unitId).toBe(busUnit.id);
    expect(r.body.leadUnits[0].confidence).toBeGreaterThan(0);
    expect(r.body.leadUnits[0].confidence).toBeLessThanOrEqual(1);
    const basisSubjects = r.body.leadUnits[0].basis.map((b) => b.subject);
    expect(basisSubjects.some((s) => TRANSPORT.some(([t]) => t === s))).toBe(true);
    expect(r.body.coUnits.map((u) => u.unitId)).toContain(helper.id);
    expect(r.body.coUnits.map((u) => u.unitId)).not.toContain(busUnit.id);

    // the organization's admin (an office role) too
    expect((await suggest(o.admin, target.id)).status).toBe(200);
  });

  it('a new assignment changes the suggestions (no retraining step): the previous model answers at once, then the new one', async () => {
    const { o, eduUnit, m, registered, assign, suggest } = await setup();
    const target = await submitted(m, o.org.id, { subject: '关于新建乡镇幼儿园的建议', body: '<p>乡镇幼儿园学位紧张，建议新建公办幼儿园。</p>' });
    const before = await suggest(o.staff, target.id);
    expect(before.status).toBe(200);
    expect(before.body.learnedFrom).toBe(0);
    expect(before.body.leadUnits.map((u) => u.unitId)).not.toContain(eduUnit.id);
    expect(before.body.categories).toEqual([]);

    const past = await registered('关于加快学前教育幼儿园建设的建议', '<p>学前教育资源不足，建议新建幼儿园。</p>', o.category.id);
    await assign(past, [eduUnit.id]);
    // the request that sees the change does not wait for the new model: it answers from the previous one, saying so
    const stale = await suggest(o.staff, target.id);
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual(before.body);
    let after = stale;
    await eventually(async () => {
      after = await suggest(o.staff, target.id);
      return after.body.learnedFrom === 1;
    });
    expect(after.body.leadUnits[0]).toMatchObject({ unitId: eduUnit.id });
    expect(after.body.leadUnits[0].basis[0]).toMatchObject({ proposalId: past.id, numberLabel: past.numberLabel });
    expect(after.body.categories[0]).toMatchObject({ categoryId: o.category.id });
  });

  it('a unit profile (职能) edited by staff routes a proposal with no history', async () => {
    const { o, m, suggest } = await setup();
    const unit = await createUnit(ctx.database, o.org.id, { name: uniq('丁单位') });
    const target = await submitted(m, o.org.id, { subject: '关于加强养老院护理服务的建议', body: '<p>养老院护理人员不足。</p>' });
    const page = await o.staff.get(`/api/units/${unit.id}`);
    expect(page.statusCode, page.body).toBe(200);
    const r = await o.staff.patch(`/api/units/${unit.id}`, { duties: '养老服务 养老院 居家养老 老年人 护理', version: page.json().version });
    expect(r.statusCode, r.body).toBe(200);
    const s = await suggest(o.staff, target.id);
    expect(s.body.leadUnits[0]).toMatchObject({ unitId: unit.id, profileMatch: true, basis: [] });
  });

  it('office only: members, leaders and unit handlers are refused; another organization gets 404', async () => {
    const { o, m, suggest } = await setup();
    const target = await submitted(m, o.org.id, { subject: '关于x的建议' });
    expect((await suggest(m, target.id)).status).toBe(403);
    expect((await suggest(o.leader, target.id)).status).toBe(403);
    const handler = await signedIn(ctx, [{ orgId: o.org.id, role: 'unit_handler', unitId: o.unit.id }]);
    expect((await suggest(handler, target.id)).status).toBe(403);
    const other = await proposalOrg(ctx);
    expect((await suggest(other.staff, target.id)).status).toBe(404);
    // the proposal under another organization's path
    const r = await other.staff.get(`/api/orgs/${other.org.id}/proposals/${target.id}/suggestions`);
    expect(r.statusCode).toBe(404);
  });

  it('立案 can take the suggested category; an unknown category is refused naming the field', async () => {
    const { o, school, m, suggest } = await setup();
    const other = await proposalOrg(ctx);
    const s = await submitted(m, o.org.id, { subject: '关于加快学前教育发展的建议', categoryId: o.category.id });
    const bad = await o.staff.post(`/api/proposals/${s.id}/register`, { version: s.version, categoryId: other.category.id });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect(bad.json()).toMatchObject({ field: 'categoryId' });
    const r = await o.staff.post(`/api/proposals/${s.id}/register`, { version: s.version, categoryId: school.id });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'registered', categoryId: school.id });
    // once registered with its category, it teaches the next suggestion
    const next = await submitted(m, o.org.id, { subject: '关于学前教育发展的建议' });
    expect((await suggest(o.staff, next.id)).body.categories[0]).toMatchObject({ categoryId: school.id });
  });
});

describe('what the suggestions learn from', () => {
  it('is the latest registered proposals only, with the assignments of those proposals', async () => {
    const { o, school, busUnit, eduUnit, registered, assign } = await setup();
    const older = await registered(TRANSPORT[0][0], TRANSPORT[0][1], o.category.id);
    await assign(older, [busUnit.id]);
    const newer = [];
    for (const [s, b] of SCHOOL) {
      const p = await registered(s, b, school.id);
      await assign(p, [eduUnit.id]);
      newer.push(p.id);
    }
    const rows = await repo.pastProposals(ctx.database.db, o.org.id, 2);
    expect(rows.map((r) => r.id)).toEqual([newer[2], newer[1]]);
    const assigned = await repo.pastAssignments(
      ctx.database.db,
      o.org.id,
      rows.map((r) => r.id),
    );
    expect(new Set(assigned.map((a) => a.proposalId))).toEqual(new Set([newer[2], newer[1]]));
    expect(assigned.every((a) => a.unitId === eduUnit.id)).toBe(true);
    expect(await repo.pastAssignments(ctx.database.db, o.org.id, [])).toEqual([]);
  });
});
