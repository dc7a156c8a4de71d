import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, signedIn, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('smoke', () => {
  it('health', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().database.status).toBe('ok');
  });
  it('org admin edits org', async () => {
    const org = await createOrg(ctx.database);
    const c = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
    const r = await c.patch(`/api/orgs/${org.id}`, { name: '新名称', version: 1 });
    expect(r.statusCode, r.body).toBe(200);
    const stale = await c.patch(`/api/orgs/${org.id}`, { name: '再改', version: 1 });
    expect(stale.statusCode).toBe(409);
  });
});
