/**
 * Browser smoke test: loads the demo data into a fresh embedded database, starts the server on a free port,
 * signs in as every demo account, opens every page its navigation offers (desktop and phone width), fails on
 * console errors, page errors and failed API calls, and saves screenshots to artifacts/screenshots/.
 *
 * Needs a built web app (`npx vite build` → dist/web). Run: `npm run test:e2e`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/server/demo/accounts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist/web/index.html');
const SHOTS = path.join(ROOT, 'artifacts/screenshots');
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 375, height: 812 },
];
/** API responses that are expected to fail: the session probe before signing in. */
const EXPECTED_FAILURES = [{ method: 'GET', path: '/api/auth/me', status: 401 }];

let passed = 0;
let failed = 0;
const failures: string[] = [];
const log = (s: string) => console.log(s);

function check(name: string, problems: string[]) {
  if (problems.length === 0) {
    passed++;
    log(`  ok   ${name}`);
  } else {
    failed++;
    failures.push(`${name}:\n      ${problems.join('\n      ')}`);
    log(`  FAIL ${name}\n      ${problems.join('\n      ')}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function waitForHealth(base: string, server: ChildProcess, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become healthy in time');
}

/** Watches one page for console errors, uncaught exceptions and failed API calls. */
function watch(page: Page) {
  const problems: string[] = [];
  let inflight = 0;
  let lastActivity = Date.now();
  page.on('request', () => {
    inflight++;
    lastActivity = Date.now();
  });
  const done = () => {
    inflight = Math.max(0, inflight - 1);
    lastActivity = Date.now();
  };
  page.on('requestfinished', done);
  page.on('console', (msg) => {
    // Failed HTTP responses are reported (with method and URL) by the response handler below.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console error: ${msg.text().slice(0, 300)}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message.slice(0, 300)}`));
  page.on('requestfailed', (req) => {
    done();
    if (new URL(req.url()).pathname.startsWith('/api/') && !/ERR_ABORTED/.test(req.failure()?.errorText ?? '')) problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (res.status() < 400) return;
    const method = res.request().method();
    if (EXPECTED_FAILURES.some((e) => e.method === method && e.path === url.pathname && e.status === res.status())) return;
    problems.push(`HTTP ${method} ${url.pathname}${url.search} → ${res.status()}`);
  });
  return {
    /** True when no request is in flight and none finished in the last `quietMs`. */
    idle: (quietMs: number) => inflight === 0 && Date.now() - lastActivity >= quietMs,
    take() {
      return problems.splice(0, problems.length);
    },
  };
}

type Watcher = ReturnType<typeof watch>;

/** Waits until the app is quiet: no request for 600 ms (client-side navigations included) and no spinner. */
async function settle(page: Page, watcher: Watcher) {
  const t0 = Date.now();
  await page.waitForTimeout(150);
  while (Date.now() - t0 < 20_000 && !watcher.idle(600)) await page.waitForTimeout(100);
  await page
    .waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active').length === 0, undefined, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(150);
  if (process.env.E2E_DEBUG) log(`      settled in ${Date.now() - t0} ms`);
}

const slug = (p: string) => (p === '/' ? 'home' : p.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-'));

/** The sign-in page at both widths, and a wrong password showing the server's message. */
async function smokeLogin(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: WIDTHS[0], locale: 'zh-CN' });
  const page = await context.newPage();
  const watcher = watch(page);
  try {
    await page.goto(`${base}/login`);
    await settle(page, watcher);
    for (const vp of WIDTHS) {
      await page.setViewportSize(vp);
      await settle(page, watcher);
      await page.screenshot({ path: path.join(SHOTS, `anonymous-login-${vp.width}.png`) });
    }
    const problems = watcher.take();
    // A wrong password: the API answers 400/401 with a message the page must show.
    await page.fill('#login', 'xs_admin');
    await page.fill('#password', 'not-the-password-1');
    await page.click('button[type=submit]');
    await page.waitForSelector('.ant-alert-error', { timeout: 10_000 });
    const text = await page.locator('.ant-alert-error').innerText();
    if (!/[\u4e00-\u9fff]/.test(text)) problems.push(`login error is not in Chinese: ${text}`);
    await page.screenshot({ path: path.join(SHOTS, `anonymous-login-error-375.png`) });
    // The refused login itself is the expected failure here.
    problems.push(...watcher.take().filter((p) => !p.includes('/api/auth/login')));
    check('login page', problems);
  } catch (err) {
    check('login page (aborted)', [...watcher.take(), String(err instanceof Error ? err.message : err)]);
  } finally {
    await context.close();
  }
}

async function signIn(page: Page, base: string, username: string) {
  await page.goto(`${base}/login`);
  await page.fill('#login', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
}

/**
 * The 秀山 story through the UI, with four roles and a co-signer: the member files a proposal, a co-signer
 * confirms, the member submits; the office registers it and assigns 县交通运输委 (lead) + 万方汽车运输公司 (co);
 * both units sign for it in their inbox, the co-unit gives its opinion, the lead records a 面商 and replies with
 * grade A; both proposers rate 满意; the office closes it. Each step is one check, with screenshots.
 */
async function smokeXiushanStory(browser: Browser, base: string) {
  const btn = (label: string) => new RegExp(`^${[...label].join('\\s*')}$`);
  const subject = `关于开通县城至峨溶镇公交线路的建议（${Date.now() % 100000}）`;
  let proposalPath = '';
  type Ctx = Awaited<ReturnType<typeof openAs>>;
  const sessions: Record<string, Ctx> = {};
  const as = async (username: string) => (sessions[username] ??= await openAs(browser, base, username));
  let ok = true;
  const step = async (name: string, username: string, run: (c: Ctx) => Promise<string[] | void>) => {
    if (!ok) return;
    let c: Ctx | undefined;
    try {
      c = await as(username);
      const extra = (await run(c)) ?? [];
      await settle(c.page, c.watcher);
      const problems = [...c.watcher.take(), ...extra];
      check(`秀山 story: ${name}`, problems);
      if (problems.length) ok = false;
    } catch (err) {
      await c?.page.screenshot({ path: path.join(SHOTS, `story-failed-${username}.png`) }).catch(() => undefined);
      check(`秀山 story: ${name}`, [...(c?.watcher.take() ?? []), String(err instanceof Error ? err.message : err).slice(0, 600)]);
      ok = false;
    }
  };
  const openProposal = async (c: Ctx) => {
    // A fresh load, as a person coming back to the proposal later would see it (not this context's cached copy).
    await c.page.goto(base + proposalPath);
    await settle(c.page, c.watcher);
    await c.page.getByText(subject).first().waitFor({ timeout: 15_000 });
  };
  const dialogOk = async (c: Ctx) => {
    await c.page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').last().click();
    await c.page.locator('.ant-modal:visible').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  };
  const tag = (c: Ctx, text: string) => c.page.locator('.ant-tag', { hasText: text }).first().waitFor({ timeout: 15_000 });
  const pickOption = async (c: Ctx, select: ReturnType<Page['locator']>, typed: string, option: string) => {
    await select.click();
    await c.page.keyboard.type(typed);
    await c.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };
  let cosignerName = '';

  await step('the member drafts it and invites a co-signer', 'xs_member', async (c) => {
    const agent = await as('xs_agent1');
    cosignerName = await agent.page.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { displayName: string }).displayName);
    await c.go('/my-proposals');
    await c.page.getByRole('button', { name: /新建提案/ }).click();
    await c.page.locator('.ant-modal .ant-btn-primary').click();
    await c.page.waitForURL(/\/proposals\/\d+$/, { timeout: 15_000 });
    proposalPath = new URL(c.page.url()).pathname;
    await c.page.locator('#subject').fill(subject);
    await c.page.locator('#body').fill('一、现状\n峨溶镇距县城 40 公里，群众出行只能乘坐不定时的私人客车。\n二、建议\n开通县城至峨溶镇的公交线路，早晚各加一班。');
    await c.page.getByText(/已自动保存 \d\d:\d\d/).waitFor({ timeout: 15_000 });
    await pickOption(c, c.page.locator('.ant-select', { hasText: '搜索委员姓名' }).first(), cosignerName, cosignerName);
    await c.page.getByRole('button', { name: btn('邀请联名') }).click();
    await c.page.getByText(cosignerName).first().waitFor({ timeout: 15_000 });
  });
  await step('the co-signer confirms', 'xs_agent1', async (c) => {
    await openProposal(c);
    await c.page.getByRole('button', { name: btn('确认附议') }).click();
    await c.page.getByText(/您已附议此提案/).waitFor({ timeout: 15_000 });
  });
  await step('the member submits', 'xs_member', async (c) => {
    await openProposal(c);
    await c.page.getByRole('button', { name: btn('提交') }).click();
    await c.page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await tag(c, '已提交');
  });
  await step('the office registers and assigns 县交通运输委 + 万方汽车运输公司', 'xs_proposal', async (c) => {
    await openProposal(c);
    await c.page.getByRole('button', { name: btn('立案') }).click();
    await c.page.waitForFunction(() => !!document.activeElement?.closest('.ant-modal-body'), undefined, { timeout: 15_000 });
    await c.page.keyboard.press('Enter');
    await tag(c, '已立案');
    await c.page.getByRole('button', { name: btn('交办') }).click();
    const modal = c.page.locator('.ant-modal:visible');
    await modal.getByText('主办+协办').click();
    const units = modal.locator('.ant-select').first();
    await pickOption(c, units, '交通运输', '县交通运输委');
    await c.page.keyboard.press('Escape').catch(() => undefined);
    await pickOption(c, units, '万方', '万方汽车运输公司');
    await modal.locator('.ant-modal-title').click();
    await dialogOk(c);
    await tag(c, '已交办');
    await c.shoot('story-assigned');
  });
  for (const [user, who] of [
    ['xs_unit2', 'the co-unit'],
    ['xs_unit', 'the lead unit'],
  ] as const) {
    await step(`${who} signs for it in its inbox`, user, async (c) => {
      await c.go('/unit-inbox');
      const row = c.page.locator('tr, .ant-card', { hasText: subject }).last();
      await row.waitFor({ timeout: 15_000 });
      await c.shoot('story-inbox');
      await row.getByRole('button', { name: btn('签收') }).click();
      await c.page.getByText('已签收').first().waitFor({ timeout: 15_000 });
    });
  }
  await step('the co-unit gives its opinion to the lead', 'xs_unit2', async (c) => {
    await openProposal(c);
    await c.page.getByRole('button', { name: btn('提交协办意见') }).click();
    await c.page.locator('.ant-modal:visible textarea').first().fill('同意开通。我公司可调配 2 辆中型客车，按早晚班次运营，票价按农村客运标准执行。');
    await dialogOk(c);
    await c.page.getByText('已提交协办意见').first().waitFor({ timeout: 15_000 });
  });
  await step('the lead unit records a 面商 and replies with grade A', 'xs_unit', async (c) => {
    await openProposal(c);
    await c.page.getByRole('button', { name: btn('记录面商') }).click();
    await c.page.locator('.ant-modal:visible textarea').first().fill('到峨溶镇现场踏勘线路，与田晓峰委员当面商定站点和班次。');
    await dialogOk(c);
    await c.page.getByRole('button', { name: btn('答复') }).click();
    const modal = c.page.locator('.ant-modal:visible');
    await modal.locator('.ant-radio-wrapper', { hasText: 'A' }).first().click();
    await modal.locator('textarea').first().fill('经实地踏勘并与委员面商，县城至峨溶镇公交线路已于本月开通，每日早晚各一班。');
    await modal.locator('#docNumber').fill('秀交函〔2026〕18号');
    await modal.locator('#signer').fill('龙海');
    await dialogOk(c);
    await tag(c, '已答复');
    await c.shoot('story-replied');
  });
  for (const user of ['xs_member', 'xs_agent1'] as const) {
    await step(`${user === 'xs_member' ? 'the member' : 'the co-signer'} rates 满意 / 满意`, user, async (c) => {
      await openProposal(c);
      for (const field of ['#workRating', '#resultRating']) await c.page.locator(field).getByText('满意', { exact: true }).click();
      await c.page.getByRole('button', { name: btn('提交评价') }).click();
      await c.page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await c.page.getByText('评价已提交').first().waitFor({ timeout: 15_000 });
      if (user === 'xs_member') await c.shoot('story-evaluated');
    });
  }
  await step('the office closes it (办结)', 'xs_proposal', async (c) => {
    await openProposal(c);
    await tag(c, '已评价');
    await c.page.getByRole('button', { name: btn('办结') }).click();
    await dialogOk(c);
    await tag(c, '已办结');
    await c.shoot('story-closed');
  });
  for (const c of Object.values(sessions)) await c.context.close().catch(() => undefined);
}

/**
 * Interactions as the county admin: an import preview listing bad rows, a server field error shown on its form
 * field, and a stale edit (409) offering a reload. The refused requests are the expected ones.
 */
async function smokeInteractions(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: WIDTHS[0], locale: 'zh-CN' });
  const page = await context.newPage();
  const watcher = watch(page);
  const go = async (to: string) => {
    await page.evaluate((p) => {
      window.history.pushState({}, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, to);
    await settle(page, watcher);
  };
  const step = async (name: string, expected: RegExp | null, fn: () => Promise<string[] | void>) => {
    try {
      const own = (await fn()) ?? [];
      check(`xs_admin ${name}`, [...own, ...watcher.take().filter((p) => !expected || !expected.test(p))]);
    } catch (err) {
      check(`xs_admin ${name}`, [...watcher.take(), String(err instanceof Error ? err.message : err)]);
    }
  };
  try {
    await signIn(page, base, 'xs_admin');
    await settle(page, watcher);
    watcher.take();
    const me = (await (await page.request.get(`${base}/api/auth/me`)).json()) as { csrfToken: string; activeOrgId: number };

    await step('import preview shows bad rows', null, async () => {
      await go('/members');
      const tpl = await page.request.get(`${base}/api/orgs/${me.activeOrgId}/members/import-template.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await tpl.body()) as unknown as ExcelJS.Buffer);
      const ws = wb.worksheets[0];
      const headers = (ws.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
      const row: unknown[] = [];
      headers.forEach((h, i) => {
        if (h === '姓名') row[i] = '导入测试';
        if (h === '界别') row[i] = '不存在的界别';
        if (h === '手机号码') row[i] = '123';
      });
      ws.addRow(row.slice(1));
      const buffer = Buffer.from(await wb.xlsx.writeBuffer());
      await page.getByRole('button', { name: /Excel 导入/ }).click();
      await page.locator('.ant-modal input[type=file]').setInputFiles({ name: 'members.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
      await page.locator('.ant-modal .ant-table-row').first().waitFor({ timeout: 20_000 });
      await settle(page, watcher);
      await page.screenshot({ path: path.join(SHOTS, 'xs_admin-members-import-preview-1440.png') });
      const rows = await page.locator('.ant-modal .ant-table-row').count();
      const commit = page.locator('.ant-modal-footer button.ant-btn-primary');
      const problems = rows >= 1 ? [] : ['no error rows in the preview'];
      if ((await commit.count()) && (await commit.isEnabled())) problems.push('commit is enabled although the file has errors');
      await page.keyboard.press('Escape');
      return problems;
    });

    await step('server field error lands on the field', /POST \/api\/orgs\/\d+\/units → 409/, async () => {
      await go('/units');
      const existing = (await page.locator('.ant-table-row td').first().innerText()).trim();
      await page.getByRole('button', { name: /新增承办单位/ }).click();
      await page.locator('.ant-drawer-open #name').fill(existing);
      await page.locator('.ant-drawer-open .ant-drawer-extra button').click();
      await page.locator('.ant-drawer-open .ant-form-item-explain-error').first().waitFor({ timeout: 10_000 });
      const text = await page.locator('.ant-drawer-open .ant-form-item-explain-error').first().innerText();
      await page.screenshot({ path: path.join(SHOTS, 'xs_admin-units-duplicate-1440.png') });
      await page.keyboard.press('Escape');
      return text.includes(existing) ? [] : [`field error does not name the duplicate: ${text}`];
    });

    await step('stale edit offers a reload', /PATCH \/api\/units\/\d+ → 409/, async () => {
      await go('/units');
      await page.locator('.ant-table-row').first().getByRole('button', { name: /编\s*辑/ }).click();
      await page.locator('.ant-drawer-open #name').waitFor();
      await settle(page, watcher);
      const id = await page.evaluate(async (orgId) => {
        const res = await fetch(`/api/orgs/${orgId}/units?limit=1`);
        return ((await res.json()) as { items: Array<{ id: number; version: number }> }).items[0];
      }, me.activeOrgId);
      // Someone else saves the same record first.
      const other = await page.request.patch(`${base}/api/units/${id.id}`, { data: { contactName: '他人修改', version: id.version }, headers: { 'X-CSRF-Token': me.csrfToken } });
      const problems = other.ok() ? [] : [`concurrent edit failed: ${other.status()}`];
      await page.locator('.ant-drawer-open .ant-drawer-extra button').click();
      const dialog = page.locator('.ant-modal-confirm');
      await dialog.waitFor({ timeout: 10_000 });
      const text = await dialog.innerText();
      await page.screenshot({ path: path.join(SHOTS, 'xs_admin-units-conflict-1440.png') });
      if (!text.includes('该记录已被他人修改，请刷新后再编辑')) problems.push(`conflict dialog says: ${text}`);
      await dialog.getByRole('button', { name: /刷\s*新/ }).click();
      await settle(page, watcher);
      const reloaded = await page.locator('.ant-drawer-open #contactName').inputValue();
      if (reloaded !== '他人修改') problems.push(`the reload did not show the other person's change (${reloaded})`);
      return problems;
    });

    await step('language switch to English and back', null, async () => {
      await go('/members');
      await page.locator('.xs-header .ant-segmented-item', { hasText: 'English' }).click();
      await settle(page, watcher);
      const menu = await page.locator('.ant-layout-sider').innerText();
      await page.screenshot({ path: path.join(SHOTS, 'xs_admin-members-english-1440.png') });
      await page.locator('.xs-header .ant-segmented-item', { hasText: '中文' }).click();
      await settle(page, watcher);
      return menu.includes('Members') && menu.includes('Audit log') ? [] : [`menu is not in English: ${menu.replace(/\s+/g, ' ')}`];
    });
  } catch (err) {
    check('xs_admin interactions (aborted)', [...watcher.take(), String(err instanceof Error ? err.message : err)]);
  } finally {
    await context.close();
  }
}

/**
 * The proposal pages: a member files a draft through the UI (autosave shows "已自动保存"), submits it; the
 * proposal office finds it in the intake list and registers it from the review page with Enter.
 */
/** A signed-in browser context for a demo account, with in-app navigation and screenshots at both widths. */
async function openAs(browser: Browser, base: string, username: string) {
  const context = await browser.newContext({ viewport: WIDTHS[0], locale: 'zh-CN' });
  const page = await context.newPage();
  const watcher = watch(page);
  await signIn(page, base, username);
  await settle(page, watcher);
  watcher.take();
  const go = async (to: string) => {
    await page.evaluate((p) => {
      window.history.pushState({}, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, to);
    await settle(page, watcher);
  };
  const shoot = async (name: string) => {
    for (const vp of WIDTHS) {
      await page.setViewportSize(vp);
      await settle(page, watcher);
      await page.screenshot({ path: path.join(SHOTS, `${username}-${name}-${vp.width}.png`), fullPage: vp.width < 768 });
    }
    await page.setViewportSize(WIDTHS[0]);
  };
  return { context, page, watcher, go, shoot };
}

/**
 * The 荣昌 flow (issue #4): the office creates a consultation → marks it held → files an outcome → adds a
 * problem-list issue for 区畜牧发展中心 → the department answers (表态) from its inbox → the office marks it converted.
 */
async function smokeRongchangFlow(browser: Browser, base: string) {
  const btn = (label: string) => new RegExp(`^${[...label].join('\\s*')}$`);
  const stamp = Date.now() % 100000;
  const topic = `推动生猪科技成果就地转化专题协商（${stamp}）`;
  const issueTitle = `中试熟化平台不足（${stamp}）`;
  let outcomePath = '';
  type Ctx = Awaited<ReturnType<typeof openAs>>;
  const sessions: Record<string, Ctx> = {};
  const as = async (username: string) => (sessions[username] ??= await openAs(browser, base, username));
  let ok = true;
  const step = async (name: string, username: string, run: (c: Ctx) => Promise<void>) => {
    if (!ok) return;
    let c: Ctx | undefined;
    try {
      c = await as(username);
      await run(c);
      await settle(c.page, c.watcher);
      const problems = c.watcher.take();
      check(`荣昌 flow: ${name}`, problems);
      if (problems.length) ok = false;
    } catch (err) {
      await c?.page.screenshot({ path: path.join(SHOTS, `rongchang-failed-${username}.png`) }).catch(() => undefined);
      check(`荣昌 flow: ${name}`, [...(c?.watcher.take() ?? []), String(err instanceof Error ? err.message : err).slice(0, 600)]);
      ok = false;
    }
  };
  const dialogOk = async (c: Ctx) => {
    await c.page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').last().click();
    await c.page.locator('.ant-modal:visible').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
  };
  const tag = (c: Ctx, text: string) => c.page.locator('.ant-tag', { hasText: text }).first().waitFor({ timeout: 15_000 });
  const pick = async (c: Ctx, field: string, typed: string, option: string) => {
    await c.page.locator(`.ant-modal:visible .ant-form-item:has(label[for="${field}"]) .ant-select`).first().click();
    if (typed) await c.page.keyboard.type(typed);
    await c.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };

  await step('the office creates the consultation', 'rc_office', async (c) => {
    await c.go('/activities');
    await c.page.getByRole('button', { name: /新建活动/ }).click();
    await pick(c, 'type', '', '专题协商会');
    await c.page.locator('.ant-modal:visible #topic').fill(topic);
    await c.page.locator('.ant-modal:visible #organizerName').fill('农业农村委员会');
    const inputs = c.page.locator('.ant-modal:visible .ant-picker-range input');
    await inputs.nth(0).click();
    await inputs.nth(0).fill('2025-12-05 09:00');
    await inputs.nth(0).press('Enter');
    await inputs.nth(1).fill('2025-12-05 12:00');
    await inputs.nth(1).press('Enter');
    await c.page.locator('.ant-modal:visible #place').fill('区政协三楼会议室');
    await dialogOk(c);
    await c.page.waitForURL(/\/activities\/\d+$/, { timeout: 15_000 });
    await c.page.getByText(topic).first().waitFor({ timeout: 15_000 });
    await tag(c, '筹备中');
    await c.shoot('rongchang-created');
  });
  await step('the office marks it held and files the consultation report', 'rc_office', async (c) => {
    await c.page.getByRole('button', { name: btn('确认已举行') }).click();
    await tag(c, '已举行');
    await c.page.getByRole('button', { name: btn('登记成果') }).click();
    await c.page.locator('.ant-modal:visible #title').fill(`关于推动生猪科技成果就地转化的协商报告（${stamp}）`);
    await c.page.locator('.ant-modal:visible #findings').fill('科技成果本地转化率不高，中试熟化平台不足。');
    await c.page.locator('.ant-modal:visible #recommendations').fill('建设生猪科技成果中试基地，设立成果转化专项资金。');
    await dialogOk(c);
    await c.page.waitForURL(/\/activity-outcomes\/\d+$/, { timeout: 15_000 });
    outcomePath = new URL(c.page.url()).pathname;
  });
  await step('the office adds a problem-list issue for 区畜牧发展中心', 'rc_office', async (c) => {
    await c.page.getByRole('button', { name: btn('新增问题') }).click();
    await c.page.locator('.ant-modal:visible #title').fill(issueTitle);
    await pick(c, 'unitIds', '畜牧', '区畜牧发展中心');
    await c.page.keyboard.press('Escape').catch(() => undefined);
    await dialogOk(c);
    await c.page.getByText(issueTitle).first().waitFor({ timeout: 15_000 });
    await tag(c, '待表态');
    await c.shoot('rongchang-problem-list');
  });
  await step('the department answers (表态) from its inbox', 'rc_unit', async (c) => {
    await c.go('/problem-inbox');
    await c.page.getByText(issueTitle).first().click();
    await c.page.getByRole('button', { name: btn('表态') }).click();
    await c.page.locator('.ant-modal:visible #commitment').fill('2026年建成生猪科技成果中试基地');
    await c.page.locator('.ant-modal:visible #measures').fill('规划用地30亩，争取市级科技专项资金支持');
    const date = c.page.locator('.ant-modal:visible #plannedCompletion');
    await date.click();
    await date.fill('2026-10-31');
    await date.press('Enter');
    await dialogOk(c);
    await tag(c, '已表态');
    await c.shoot('rongchang-answered');
  });
  await step('the office marks it converted (转化落实)', 'rc_office', async (c) => {
    await c.page.goto(base + outcomePath);
    await settle(c.page, c.watcher);
    await c.page.getByText('2026年建成生猪科技成果中试基地').first().waitFor({ timeout: 15_000 });
    await c.page.getByRole('button', { name: btn('标记转化落实') }).click();
    await dialogOk(c);
    await tag(c, '已转化落实');
    await c.shoot('rongchang-converted');
  });
  for (const c of Object.values(sessions)) await c.context.close().catch(() => undefined);
}

async function smokeProposals(browser: Browser, base: string) {
  const open = (username: string) => openAs(browser, base, username);
  const subject = `关于完善农村客运班线的建议（${Date.now() % 100000}）`;
  let proposalPath = '';
  const member = await open('xs_member');
  try {
    const { page, watcher, go, shoot } = member;
    await go('/my-proposals');
    await page.getByRole('button', { name: /新建提案/ }).click();
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.waitForURL(/\/proposals\/\d+$/, { timeout: 15_000 });
    proposalPath = new URL(page.url()).pathname;
    await page.locator('#subject').fill(subject);
    await page.locator('#body').fill('一、现状\n部分乡镇客运班次少。\n二、建议\n增开早晚班次。');
    await page.getByText(/已自动保存 \d\d:\d\d/).waitFor({ timeout: 15_000 });
    await shoot('proposal-draft');
    await page.getByRole('button', { name: /^提\s*交$/ }).click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.locator('.ant-tag', { hasText: '已提交' }).first().waitFor({ timeout: 15_000 });
    await settle(page, watcher);
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('xs.proposal-draft.')));
    check('xs_member files and submits a proposal', [...watcher.take(), ...(stored.length ? [`draft copies left in localStorage: ${stored.join(', ')}`] : [])]);
  } catch (err) {
    check('xs_member files and submits a proposal', [...member.watcher.take(), String(err instanceof Error ? err.message : err)]);
  } finally {
    await member.context.close();
  }
  if (!proposalPath) return;
  const office = await open('xs_proposal');
  try {
    const { page, watcher, go, shoot } = office;
    await go('/proposal-review');
    await page.getByRole('link', { name: subject }).first().click();
    await page.waitForURL((u) => u.pathname === proposalPath, { timeout: 15_000 });
    await settle(page, watcher);
    await shoot('proposal-review');
    await page.getByRole('button', { name: /^立\s*案$/ }).click();
    await page.locator('.ant-modal').waitFor();
    await settle(page, watcher);
    // The dialog's content takes the focus as it opens (not its close button, where Enter would close it).
    await page.waitForFunction(() => !!document.activeElement?.closest('.ant-modal-body'), undefined, { timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.ant-tag', { hasText: '已立案' }).first().waitFor({ timeout: 15_000 });
    await settle(page, watcher);
    const label = await page.locator('.ant-tag', { hasText: /第\d{4}号/ }).count();
    check('xs_proposal registers it with Enter', [...watcher.take(), ...(label ? [] : ['no proposal number shown after registering'])]);
  } catch (err) {
    check('xs_proposal registers it with Enter', [...office.watcher.take(), String(err instanceof Error ? err.message : err)]);
  } finally {
    await office.context.close();
  }
}

/**
 * The office's suggestions (issue #5): xs_proposal opens a submitted proposal's 立案 dialog, sees the suggested
 * categories with confidence and 依据, clicks one and the category field takes it; then a registered proposal's 交办
 * dialog, clicks the suggested lead unit and the unit field takes it. Both dialogs are cancelled (demo data unchanged).
 */
async function smokeAssist(browser: Browser, base: string) {
  const office = await openAs(browser, base, 'xs_proposal');
  const { page, watcher, go, shoot } = office;
  const firstOf = (state: string) =>
    page.evaluate(async (st) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { activeOrgId: number };
      const list = (await (await fetch(`/api/orgs/${me.activeOrgId}/proposals?state=${st}&limit=1`)).json()) as { items: { id: number }[] };
      return list.items[0]?.id ?? null;
    }, state);
  const step = async (name: string, run: () => Promise<string[]>) => {
    try {
      const extra = await run();
      await settle(page, watcher);
      check(`suggestions: ${name}`, [...watcher.take(), ...extra]);
    } catch (err) {
      await page.screenshot({ path: path.join(SHOTS, `assist-failed.png`) }).catch(() => undefined);
      check(`suggestions: ${name}`, [...watcher.take(), String(err instanceof Error ? err.message : err)]);
    }
  };
  const modal = page.locator('.ant-modal');
  try {
    await step('立案 dialog suggests the category; a click fills it in', async () => {
      const id = await firstOf('submitted');
      if (!id) return ['no submitted proposal in the demo data'];
      await go(`/proposals/${id}`);
      await page.getByRole('button', { name: /^立\s*案$/ }).click();
      await modal.getByTestId('suggestion').first().waitFor({ timeout: 15_000 });
      const first = modal.getByTestId('suggestion').first();
      const name = ((await first.textContent()) ?? '').replace(/\s*\d+%$/, '').trim();
      await first.click();
      await modal.getByText('依据').first().click();
      await page.locator('.ant-popover a').first().waitFor({ timeout: 5_000 });
      await shoot('assist-register');
      const shown = await modal.locator('.ant-form-item').filter({ hasText: '分类' }).last().textContent();
      await page.keyboard.press('Escape');
      await modal.getByRole('button', { name: /取\s*消/ }).click();
      return shown?.includes(name) ? [] : [`category field shows "${shown}", expected "${name}"`];
    });
    await step('交办 dialog suggests units; a click fills the lead unit in', async () => {
      const id = await firstOf('registered');
      if (!id) return ['no registered proposal in the demo data'];
      await go(`/proposals/${id}`);
      await page.getByRole('button', { name: /^交\s*办$/ }).click();
      await modal.getByTestId('suggestion').first().waitFor({ timeout: 15_000 });
      const first = modal.getByTestId('suggestion').first();
      const name = ((await first.textContent()) ?? '').replace(/\s*\d+%$/, '').trim();
      await first.click();
      await settle(page, watcher);
      await shoot('assist-assign');
      const units = await modal.locator('.ant-form-item').filter({ hasText: '承办单位' }).first().textContent();
      await modal.getByRole('button', { name: /取\s*消/ }).click();
      return units?.includes(name) ? [] : [`unit field shows "${units}", expected "${name}"`];
    });
  } finally {
    await office.context.close();
  }
}

/**
 * Search (issue #5): the office presses "/" on the dashboard, types 峨溶 and sees highlighted hits, narrows them by
 * a facet; at review the similar-proposals panel offers 并案 and opens the merge dialog prefilled; a member sees
 * the live panel beside a draft, without the merge button.
 */
async function smokeSearch(browser: Browser, base: string) {
  const office = await openAs(browser, base, 'xs_proposal');
  try {
    const { page, watcher, shoot } = office;
    await page.keyboard.press('/');
    await page.keyboard.type('峨溶');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/, { timeout: 15_000 });
    await settle(page, watcher);
    const marks = await page.locator('mark', { hasText: '峨溶' }).count();
    await shoot('search');
    await page.locator('.ant-tag-checkable', { hasText: '已办结' }).first().click();
    await settle(page, watcher);
    const filtered = page.url().includes('status=closed');
    check('xs_proposal searches with "/" and narrows by a facet', [
      ...watcher.take(),
      ...(marks ? [] : ['no highlighted 峨溶 in the results']),
      ...(filtered ? [] : ['the status facet did not filter']),
    ]);
  } catch (err) {
    check('xs_proposal searches with "/" and narrows by a facet', [...office.watcher.take(), String(err instanceof Error ? err.message : err)]);
  }
  try {
    const { page, watcher, go, shoot } = office;
    await go(`/search?q=${encodeURIComponent('医养结合')}&status=submitted`);
    await page.locator('a[href^="/proposals/"]', { hasText: '医养结合' }).first().click();
    await page.waitForURL(/\/proposals\/\d+$/, { timeout: 15_000 });
    await settle(page, watcher);
    const panel = page.getByTestId('similar-panel');
    await panel.getByRole('button', { name: '提议并案' }).first().waitFor({ timeout: 15_000 });
    await shoot('review-similar');
    await panel.getByRole('button', { name: '提议并案' }).first().click();
    await page.locator('.ant-modal').waitFor();
    await settle(page, watcher);
    const prefilled = await page.locator('.ant-modal .ant-select').filter({ hasText: '医养结合' }).count();
    if (!prefilled && process.env.E2E_DEBUG) log(await page.locator('.ant-modal').innerHTML());
    await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();
    check('xs_proposal proposes a merge from the similar-proposals panel', [...watcher.take(), ...(prefilled ? [] : ['the merge dialog did not show the proposed target'])]);
  } catch (err) {
    check('xs_proposal proposes a merge from the similar-proposals panel', [...office.watcher.take(), String(err instanceof Error ? err.message : err)]);
  } finally {
    await office.context.close();
  }
  const member = await openAs(browser, base, 'xs_member');
  try {
    const { page, watcher, go, shoot } = member;
    await go(`/search?q=${encodeURIComponent('人居环境')}&status=draft`);
    await page.locator('a[href^="/proposals/"]').first().click();
    await page.waitForURL(/\/proposals\/\d+$/, { timeout: 15_000 });
    await settle(page, watcher);
    const panel = page.getByTestId('similar-panel');
    await panel.locator('a[href^="/proposals/"]').first().waitFor({ timeout: 15_000 });
    const mergeButtons = await panel.getByRole('button', { name: '提议并案' }).count();
    await shoot('draft-similar');
    check('xs_member sees similar proposals beside a draft (no merge button)', [...watcher.take(), ...(mergeButtons ? ['a member was offered 并案'] : [])]);
  } catch (err) {
    check('xs_member sees similar proposals beside a draft (no merge button)', [...member.watcher.take(), String(err instanceof Error ? err.message : err)]);
  } finally {
    await member.context.close();
  }
}

async function smokeAccount(browser: Browser, base: string, username: string) {
  const context = await browser.newContext({ viewport: WIDTHS[0], locale: 'zh-CN' });
  const page = await context.newPage();
  const watcher = watch(page);
  try {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/, { timeout: 15_000 });
    await page.fill('#login', username);
    await page.fill('#password', DEMO_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
    if (new URL(page.url()).pathname === '/change-password') {
      check(`${username} login`, [`demo account must change its password first`]);
      return;
    }
    await settle(page, watcher);
    const loginProblems = watcher.take();
    const menuText = await page.locator('.ant-layout-sider').innerText();
    if (!/[\u4e00-\u9fff]/.test(menuText)) loginProblems.push('side menu shows no Chinese text');
    check(`${username} login`, loginProblems);

    // Pages the navigation offers: the side menu plus the user menu's profile page.
    const hrefs = await page.locator('.ant-layout-sider a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const paths = [...new Set([...hrefs.filter((h) => h.startsWith('/')), '/profile'])];
    for (const p of paths) {
      const problems: string[] = [];
      for (const [i, vp] of WIDTHS.entries()) {
        await page.setViewportSize(vp);
        // In-app navigation (as a click on the menu does), so every page is reached through the running app.
        if (i === 0)
          await page.evaluate((to) => {
            window.history.pushState({}, '', to);
            window.dispatchEvent(new PopStateEvent('popstate'));
          }, p);
        await settle(page, watcher);
        if (await page.locator('.ant-result-404').count()) problems.push(`page ${p} shows 404`);
        await page.screenshot({ path: path.join(SHOTS, `${username}-${slug(p)}-${vp.width}.png`), fullPage: false });
      }
      await page.setViewportSize(WIDTHS[0]);
      problems.push(...watcher.take());
      check(`${username} ${p}`, problems);
    }

    // A person in several organizations switches between them.
    const account = DEMO_ACCOUNTS.find((a) => a.username === username);
    if (account && new Set(account.grants.map((g) => g.org)).size > 1) {
      await page.goto(`${base}/`);
      await settle(page, watcher);
      await page.locator('.xs-header .ant-select').first().click();
      const options = page.locator('.ant-select-item-option:not(.ant-select-item-option-selected)');
      await options.first().click();
      await settle(page, watcher);
      await page.screenshot({ path: path.join(SHOTS, `${username}-switched-org-1440.png`) });
      check(`${username} switch organization`, watcher.take());
    }
  } catch (err) {
    check(`${username} (aborted)`, [...watcher.take(), String(err instanceof Error ? err.message : err)]);
  } finally {
    await context.close();
  }
}

async function main() {
  if (!fs.existsSync(DIST)) {
    console.error(`dist/web is missing (${DIST}). Build the web app first: npx vite build`);
    process.exit(2);
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  const only = process.env.E2E_ONLY?.split(',');
  // E2E_BASE points at a server that is already running with demo data (for quick iteration).
  const reuse = process.env.E2E_BASE;
  let base = reuse ?? '';
  let stopServer = () => undefined as void;
  let serverLog = '';
  let dataDir: string | null = null;
  let server: ChildProcess | null = null;
  if (!reuse) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xieshang-e2e-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, XIESHANG_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', COOKIE_SECURE: 'false', LOG_LEVEL: 'warn', XIESHANG_WORKER: 'false' };
    delete env.DATABASE_URL;

    log(`Loading demo data into ${dataDir} …`);
    const demo = await run('npx', ['tsx', 'src/server/cli.ts', 'demo'], env);
    if (demo.code !== 0) {
      console.error(demo.output);
      console.error('demo data could not be loaded');
      process.exit(1);
    }
    log(demo.output.trim().split('\n').slice(-1)[0] ?? '');

    log(`Starting the server on ${base} …`);
    const child = spawn('npx', ['tsx', 'src/server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    server = child;
    child.stdout?.on('data', (d: Buffer) => (serverLog += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
    stopServer = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    };
    process.once('exit', stopServer);
  }

  let browser: Browser | null = null;
  try {
    if (server) await waitForHealth(base, server);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    await smokeLogin(browser, base);
    for (const a of DEMO_ACCOUNTS) {
      if (only && !only.includes(a.username)) continue;
      log(`\n${a.username} (${a.displayName}) — ${a.note}`);
      await smokeAccount(browser, base, a.username);
    }
    if (!only || only.includes('xs_member') || only.includes('xs_proposal')) {
      log('\nproposal pages');
      await smokeProposals(browser, base);
      log('\n秀山 story (four roles)');
      await smokeXiushanStory(browser, base);
    }
    if (!only || only.includes('activities')) {
      log('\n荣昌 consultation → outcome → problem list → department answer → converted');
      await smokeRongchangFlow(browser, base);
    }
    if (!only || only.includes('assist')) {
      log('\noffice suggestions (category, units)');
      await smokeAssist(browser, base);
    }
    if (!only || only.includes('search')) {
      log('\nsearch and similar proposals');
      await smokeSearch(browser, base);
    }
    if (!only || only.includes('xs_admin')) {
      log('\nxs_admin interactions');
      await smokeInteractions(browser, base);
    }
  } catch (err) {
    check('smoke test setup', [String(err instanceof Error ? err.message : err), serverLog.slice(-2000)]);
  } finally {
    await browser?.close();
    stopServer();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  if (failures.length) log(`\nFailures:\n  ${failures.join('\n  ')}`);
  log(`\nScreenshots: ${path.relative(ROOT, SHOTS)}/`);
  log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

void main();
