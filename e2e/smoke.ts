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
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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

let lastCheckAt = Date.now();
/** Records one check, with the seconds since the previous one (a slow step under load shows before it fails). */
function check(name: string, problems: string[]) {
  const took = `(${((Date.now() - lastCheckAt) / 1000).toFixed(1)} s)`;
  lastCheckAt = Date.now();
  if (problems.length === 0) {
    passed++;
    log(`  ok   ${name} ${took}`);
  } else {
    failed++;
    failures.push(`${name}:\n      ${problems.join('\n      ')}`);
    log(`  FAIL ${name} ${took}\n      ${problems.join('\n      ')}`);
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
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      problems.push(`console error: ${msg.text().slice(0, 300)}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message.slice(0, 300)}`));
  page.on('requestfailed', (req) => {
    done();
    if (new URL(req.url()).pathname.startsWith('/api/') && !/ERR_ABORTED/.test(req.failure()?.errorText ?? ''))
      problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`);
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
    .waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active').length === 0, undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  await page.waitForTimeout(150);
  if (process.env.E2E_DEBUG) log(`      settled in ${Date.now() - t0} ms`);
}

/**
 * Picks `option` in the antd select `select`: types `typed` into that select's own search input, then clicks in that
 * select's own dropdown (found through its listbox id, named after the input's, so a dropdown fading out from an
 * earlier dialog, or the header's search box, is never taken for it), and checks that the choice shows in the
 * select; a lost click is tried again. `label` names the field in the error.
 */
async function choose(page: Page, found: Locator, typed: string, option: string, label = option) {
  // The select's listbox is named after its input (`<input id>_list`), inside its own dropdown. The select is then
  // held by its input id, as a locator by placeholder text stops matching once a choice shows.
  const inputId = await found.locator('input').first().getAttribute('id', { timeout: 10_000 });
  const select = inputId ? page.locator(`.ant-select:has(input[id="${inputId}"])`).first() : found;
  const input = select.locator('input').first();
  const dropdown = inputId
    ? page.locator(`.ant-select-dropdown:has([id="${inputId}_list"])`).last()
    : page.locator('.ant-select-dropdown:visible').last();
  let last: unknown = null;
  for (let i = 0; i < 3; i++) {
    try {
      await select.click();
      if (typed) await input.pressSequentially(typed);
      await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 10_000 });
      for (let t = 0; t < 15; t++) {
        if ((await select.innerText()).includes(option)) {
          // A multiple select keeps its dropdown open after a choice; close it (a single one closes by itself,
          // and an Escape with no dropdown open would close a dialog).
          if ((await select.getAttribute('class'))?.includes('ant-select-multiple') && (await dropdown.isVisible()))
            await page.keyboard.press('Escape');
          return;
        }
        await page.waitForTimeout(200);
      }
    } catch (e) {
      last = e;
    }
    // Escape only while the dropdown is open: with it closed, Escape would close the dialog.
    if (await dropdown.isVisible()) await page.keyboard.press('Escape').catch(() => undefined);
    if (typed) await input.fill('').catch(() => undefined);
  }
  throw new Error(`the choice ${option} did not take in ${label}${last instanceof Error ? `: ${last.message}` : ''}`);
}

/**
 * The home page (工作台) counts a piece of waiting work: the card titled `title` shows at least one, and a click on
 * it opens the page where the work is done.
 */
async function homeTodo(c: Ctx, title: string, lands: RegExp) {
  await c.go('/');
  const value = c.page
    .locator('.ant-statistic', { has: c.page.locator('.ant-statistic-title', { hasText: title }) })
    .locator('.ant-statistic-content-value')
    .first();
  let seen = '';
  for (let i = 0; i < 75 && !(Number(seen.replace('+', '')) >= 1); i++) {
    seen = (await value.innerText().catch(() => '')).trim();
    if (!(Number(seen.replace('+', '')) >= 1)) await c.page.waitForTimeout(200);
  }
  if (!(Number(seen.replace('+', '')) >= 1)) throw new Error(`the home page shows ${title} "${seen}", expected at least 1`);
  await value.click();
  await c.page.waitForURL(lands, { timeout: 15_000 });
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
  const { as, step, dialogOk, confirmOk, tag, close } = flow(browser, base, '秀山 story', 'story');
  const subject = `关于开通县城至峨溶镇公交线路的建议（${Date.now() % 100000}）`;
  let proposalPath = '';
  const openProposal = async (c: Ctx) => {
    // A fresh load, as a person coming back to the proposal later would see it (not this context's cached copy).
    await c.page.goto(base + proposalPath);
    await settle(c.page, c.watcher);
    await c.page.getByText(subject).first().waitFor({ timeout: 15_000 });
  };
  const pickOption = (c: Ctx, select: Locator, typed: string, option: string) => choose(c.page, select, typed, option);
  let cosignerName = '';

  await step('the member drafts it and invites a co-signer', 'xs_member', async (c) => {
    const agent = await as('xs_agent1');
    cosignerName = await agent.page.evaluate(
      async () => ((await (await fetch('/api/auth/me')).json()) as { displayName: string }).displayName,
    );
    await c.go('/my-proposals');
    await c.page.getByRole('button', { name: /新建提案/ }).click();
    await c.page.locator('.ant-modal .ant-btn-primary').click();
    await c.page.waitForURL(/\/proposals\/\d+$/, { timeout: 15_000 });
    proposalPath = new URL(c.page.url()).pathname;
    await c.page.locator('#subject').fill(subject);
    await c.page
      .locator('#body')
      .fill('一、现状\n峨溶镇距县城 40 公里，群众出行只能乘坐不定时的私人客车。\n二、建议\n开通县城至峨溶镇的公交线路，早晚各加一班。');
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
    await confirmOk(c);
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
    await step(`${who} sees it waiting on the home page and signs for it in its inbox`, user, async (c) => {
      await homeTodo(c, '提案待签收', /\/unit-inbox$/);
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
    await c.page
      .locator('.ant-modal:visible textarea')
      .first()
      .fill('同意开通。我公司可调配 2 辆中型客车，按早晚班次运营，票价按农村客运标准执行。');
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
      await confirmOk(c);
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
  await close();
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
      await page
        .locator('.ant-modal input[type=file]')
        .setInputFiles({ name: 'members.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
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
      await page
        .locator('.ant-table-row')
        .first()
        .getByRole('button', { name: /编\s*辑/ })
        .click();
      await page.locator('.ant-drawer-open #name').waitFor();
      await settle(page, watcher);
      const id = await page.evaluate(async (orgId) => {
        const res = await fetch(`/api/orgs/${orgId}/units?limit=1`);
        return ((await res.json()) as { items: Array<{ id: number; version: number }> }).items[0];
      }, me.activeOrgId);
      // Someone else saves the same record first.
      const other = await page.request.patch(`${base}/api/units/${id.id}`, {
        data: { contactName: '他人修改', version: id.version },
        headers: { 'X-CSRF-Token': me.csrfToken },
      });
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
      // The audit log sits in the collapsed System administration area.
      return menu.includes('Members') && menu.includes('System administration') ? [] : [`menu is not in English: ${menu.replace(/\s+/g, ' ')}`];
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
type Ctx = Awaited<ReturnType<typeof openAs>>;
/** A button whose label antd may have spaced out (two-character labels get a space: "提 交"). */
const btn = (label: string) => new RegExp(`^${[...label].join('\\s*')}$`);

/**
 * One story across several signed-in accounts. Steps run in order and stop at the first failure; a failed step
 * leaves a screenshot. Dialog helpers click again when a click landed during an opening animation (seen under
 * load) and, when a dialog stays open on a validation error, fail with the error the user would read.
 */
function flow(browser: Browser, base: string, label: string, shotPrefix: string) {
  const sessions: Record<string, Ctx> = {};
  const as = async (username: string) => (sessions[username] ??= await openAs(browser, base, username));
  let ok = true;
  const step = async (
    name: string,
    username: string,
    run: (c: Ctx) => Promise<string[] | void>,
    expected: (p: string) => boolean = () => false,
  ) => {
    if (!ok) return;
    let c: Ctx | undefined;
    try {
      c = await as(username);
      const extra = (await run(c)) ?? [];
      await settle(c.page, c.watcher);
      const problems = [...c.watcher.take().filter((p) => !expected(p)), ...extra];
      check(`${label}: ${name}`, problems);
      if (problems.length) ok = false;
    } catch (err) {
      await c?.page.screenshot({ path: path.join(SHOTS, `${shotPrefix}-failed-${username}.png`) }).catch(() => undefined);
      check(`${label}: ${name}`, [...(c?.watcher.take() ?? []), String(err instanceof Error ? err.message : err).slice(0, 600)]);
      ok = false;
    }
  };
  /** Clicks `button` until `dialog` closes; a dialog kept open by a field error fails with that error. */
  const closeBy = async (c: Ctx, dialog: ReturnType<Page['locator']>, button: ReturnType<Page['locator']>) => {
    for (let i = 0; i < 3; i++) {
      await button.click();
      if (
        await dialog.waitFor({ state: 'detached', timeout: 5_000 }).then(
          () => true,
          () => false,
        )
      )
        return;
      const errors = await c.page.locator('.ant-modal:visible .ant-form-item-explain-error').allInnerTexts();
      if (errors.length) throw new Error(`the dialog stayed open: ${errors.join('; ')}`);
    }
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  };
  const dialogOk = (c: Ctx) =>
    closeBy(
      c,
      c.page.locator('.ant-modal:visible').first(),
      c.page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').last(),
    );
  const confirmOk = (c: Ctx) =>
    closeBy(c, c.page.locator('.ant-modal-confirm').first(), c.page.locator('.ant-modal-confirm .ant-btn-primary').first());
  const tag = (c: Ctx, text: string) => c.page.locator('.ant-tag', { hasText: text }).first().waitFor({ timeout: 15_000 });
  /** Picks an option in the open dialog's select `field` (see `choose`). */
  const pick = (c: Ctx, field: string, typed: string, option: string) =>
    choose(c.page, c.page.locator(`.ant-modal:visible .ant-form-item:has(label[for="${field}"]) .ant-select`).first(), typed, option, field);
  /** Fills the open dialog's date-time range picker, and checks both ends took. */
  const fillRange = async (c: Ctx, from: string, to: string) => {
    const inputs = c.page.locator('.ant-modal:visible .ant-picker-range input');
    for (let i = 0; i < 3; i++) {
      await inputs.nth(0).click();
      await inputs.nth(0).fill(from);
      await inputs.nth(0).press('Enter');
      await inputs.nth(1).fill(to);
      await inputs.nth(1).press('Enter');
      if ((await inputs.nth(0).inputValue()) === from && (await inputs.nth(1).inputValue()) === to) return;
    }
    throw new Error(`the time range did not take ${from} – ${to}`);
  };
  const close = async () => {
    for (const c of Object.values(sessions)) await c.context.close().catch(() => undefined);
  };
  return { as, step, dialogOk, confirmOk, tag, pick, fillRange, close };
}

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
  const { step, dialogOk, tag, pick, fillRange, close } = flow(browser, base, '荣昌 flow', 'rongchang');
  const stamp = Date.now() % 100000;
  const topic = `推动生猪科技成果就地转化专题协商（${stamp}）`;
  const issueTitle = `中试熟化平台不足（${stamp}）`;
  let outcomePath = '';

  await step('the office creates the consultation', 'rc_office', async (c) => {
    await c.go('/activities');
    await c.page.getByRole('button', { name: /新建活动/ }).click();
    await pick(c, 'type', '', '专题协商会');
    await c.page.locator('.ant-modal:visible #topic').fill(topic);
    await c.page.locator('.ant-modal:visible #organizerName').fill('农业农村委员会');
    await fillRange(c, '2025-12-05 09:00', '2025-12-05 12:00');
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
    await dialogOk(c);
    await c.page.getByText(issueTitle).first().waitFor({ timeout: 15_000 });
    await tag(c, '待表态');
    await c.shoot('rongchang-problem-list');
  });
  await step('the department sees it waiting on the home page and answers (表态) from its inbox', 'rc_unit', async (c) => {
    await homeTodo(c, '问题清单待表态', /\/problem-inbox$/);
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
    rongchangConversions++;
    await c.shoot('rongchang-converted');
  });
  await close();
}

// ── joint activities (E2E_ONLY=joint) ──
/**
 * The 九龙坡–新都 joint flow (issue #4): 九龙坡's office creates a 联合协商 and invites 新都区政协 → 新都's admin
 * accepts in the invitation inbox → 新都's office sees the activity, invites a 新都 member and records her speech →
 * 九龙坡's office sees the 新都 speech → a user of a third organization (荣昌) gets the not-found page for its URL.
 */
async function smokeJointFlow(browser: Browser, base: string) {
  const { step, dialogOk, tag, pick, fillRange, close } = flow(browser, base, 'joint flow', 'joint');
  const stamp = Date.now() % 100000;
  const topic = `智慧城市数据共享联合协商（${stamp}）`;
  const speechTitle = `共建成渝数据共享通道（${stamp}）`;
  let activityPath = '';

  await step('九龙坡 office creates a 联合协商 and invites 新都区政协', 'jlp_office', async (c) => {
    await c.go('/activities');
    await c.page.getByRole('button', { name: /新建活动/ }).click();
    await pick(c, 'type', '联合', '联合协商');
    await c.page.locator('.ant-modal:visible #topic').fill(topic);
    await c.page.locator('.ant-modal:visible #organizerName').fill('九龙坡区政协办公室');
    await fillRange(c, '2025-12-18 09:30', '2025-12-18 12:00');
    await c.page.locator('.ant-modal:visible #place').fill('九龙坡区城市运行和治理中心');
    await dialogOk(c);
    await c.page.waitForURL(/\/activities\/\d+$/, { timeout: 15_000 });
    activityPath = new URL(c.page.url()).pathname;
    await c.page.getByText(topic).first().waitFor({ timeout: 15_000 });
    await c.page.getByRole('button', { name: btn('邀请其他组织') }).click();
    await pick(c, 'orgId', '新都', '新都区');
    await dialogOk(c);
    await c.page.locator('[data-testid="joint-card"] .ant-tag', { hasText: '待答复' }).first().waitFor({ timeout: 15_000 });
    await c.shoot('joint-invited');
  });
  await step('新都 admin sees the invitation and accepts', 'xd_admin', async (c) => {
    await c.go('/joint-invitations');
    const card = c.page.locator('.ant-card', { hasText: topic }).first();
    await card.waitFor({ timeout: 15_000 });
    await c.shoot('joint-inbox');
    await card.getByRole('button', { name: btn('接受') }).click();
    await card.waitFor({ state: 'detached', timeout: 15_000 });
    await c.page.locator('.ant-segmented-item', { hasText: '已接受' }).first().click();
    await c.page.locator('.ant-card', { hasText: topic }).first().waitFor({ timeout: 15_000 });
  });
  await step('新都 office sees it, invites 周云 and records her speech', 'xd_office', async (c) => {
    await c.go('/activities');
    const link = c.page.getByRole('link', { name: topic }).first();
    await link.waitFor({ timeout: 15_000 });
    await c.shoot('joint-list');
    await link.click();
    await c.page.waitForURL(/\/activities\/\d+$/, { timeout: 15_000 });
    await settle(c.page, c.watcher);
    await tag(c, '联合');
    await c.page.getByRole('button', { name: btn('邀请参加') }).click();
    await pick(c, 'memberIds', '周云', '周云');
    await dialogOk(c);
    await c.page.locator('.ant-table-row', { hasText: '周云' }).first().waitFor({ timeout: 15_000 });
    await c.page.getByRole('button', { name: btn('登记发言') }).click();
    await pick(c, 'participantId', '', '周云');
    await c.page.locator('.ant-modal:visible #title').fill(speechTitle);
    await c.page.locator('.ant-modal:visible #body').fill('建议两地共建数据接口标准，推动政务数据、城市运行数据跨区域共享。');
    await dialogOk(c);
    await c.page.getByText(speechTitle).first().waitFor({ timeout: 15_000 });
    await c.shoot('joint-partner');
  });
  await step('九龙坡 office sees the 新都 speech', 'jlp_office', async (c) => {
    await c.page.goto(base + activityPath);
    await settle(c.page, c.watcher);
    await c.page.getByText(speechTitle).first().waitFor({ timeout: 15_000 });
    await c.page.locator('[data-testid="joint-card"] .ant-tag', { hasText: '已接受' }).first().waitFor({ timeout: 15_000 });
    await c.shoot('joint-host');
  });
  await step(
    'a third organization (荣昌) gets the not-found page',
    'rc_office',
    async (c) => {
      await c.page.goto(base + activityPath);
      await settle(c.page, c.watcher);
      await c.page.locator('.ant-result-404').first().waitFor({ timeout: 15_000 });
      if (await c.page.getByText(topic).count()) throw new Error('the topic is shown to a third organization');
      await c.shoot('joint-not-found');
    },
    (p) => p.startsWith('HTTP GET /api/activities/') && p.endsWith('→ 404'),
  );
  await step('新都 dashboard counts the joined activity', 'xd_office', async (c) => {
    await c.go('/activity-dashboard');
    await c.page
      .locator('.ant-page-header, h4, h3')
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined);
    await choose(c.page, c.page.locator('.ant-select[aria-label="年度"], .ant-select:has(input[aria-label="年度"])').first(), '', '2025年');
    await settle(c.page, c.watcher);
    await c.page.locator('[data-testid="chart-type-month"] canvas').first().waitFor({ timeout: 15_000 });
    const joined = await c.page.locator('.ant-statistic', { hasText: '参加联合活动' }).locator('.ant-statistic-content-value').innerText();
    // the demo joint consultation (2025-11-21) and the one created above (2025-12-18)
    if (Number(joined) < 2) throw new Error(`参加联合活动 shows ${joined}, expected at least 2`);
    await c.shoot('joint-dashboard');
  });
  await close();
}

/**
 * The 南川 studio (issue #7, E2E_ONLY=studio): nc_office opens “唱响双城记”委员工作室, sees this week's duty roster as a
 * week grid, plans a shift on Friday from that day's + button and sees it in the grid; registers a 群众诉求 and turns
 * it into a draft proposal for the receiving member (shown as their draft, with no link the office could not open).
 */
async function smokeStudioFlow(browser: Browser, base: string) {
  const { step, dialogOk, pick, close } = flow(browser, base, 'studio flow', 'studio');
  const stamp = Date.now() % 100000;
  const content = `养马河片区夜间货车噪声扰民，希望调整作业时间（${stamp}）`;
  let memberName = '';
  await step('nc_office opens the studio and sees the week roster', 'nc_office', async (c) => {
    await c.go('/studios');
    await c.page.getByRole('link', { name: '“唱响双城记”委员工作室' }).first().click();
    await c.page.waitForURL(/\/studios\/\d+$/, { timeout: 15_000 });
    const week = c.page.getByTestId('roster-week');
    await week.waitFor({ timeout: 15_000 });
    // The demo has someone on duty every Wednesday.
    await week.locator('[data-shift]').first().waitFor({ timeout: 15_000 });
    await c.shoot('studio-roster-week');
  });
  await step('nc_office plans a shift on Friday from the week grid', 'nc_office', async (c) => {
    const week = c.page.getByTestId('roster-week');
    const friday = week.locator('[data-day]').nth(4);
    const before = await friday.locator('[data-shift]').count();
    await friday.getByRole('button', { name: /^安排/ }).click();
    const select = c.page.locator('.ant-modal:visible .ant-form-item:has(label[for="memberId"]) .ant-select').first();
    const inputId = await select.locator('input').first().getAttribute('id', { timeout: 10_000 });
    await select.click();
    memberName = (await c.page.locator(`.ant-select-dropdown:has([id="${inputId}_list"]) .ant-select-item-option`).first().innerText()).trim();
    await c.page.keyboard.press('Escape');
    await pick(c, 'memberId', '', memberName);
    await c.page.locator('.ant-modal:visible #note').fill(`周五加班接待（${stamp}）`);
    await dialogOk(c);
    await friday
      .getByText(`（${stamp}）`, { exact: false })
      .or(friday.locator('[data-shift]').nth(before))
      .first()
      .waitFor({ timeout: 15_000 });
    if ((await friday.locator('[data-shift]').count()) !== before + 1) throw new Error('the planned shift is not in the Friday column');
    await friday.getByText(memberName).first().waitFor({ timeout: 15_000 });
  });
  await step('nc_office registers a 群众诉求 and turns it into a draft proposal', 'nc_office', async (c) => {
    await c.page.getByRole('button', { name: btn('登记诉求') }).click();
    await c.page.locator('.ant-modal:visible #requesterName').fill('王大爷');
    await c.page.locator('.ant-modal:visible #content').fill(content);
    await pick(c, 'receivedByMemberId', '', memberName);
    await dialogOk(c);
    const row = c.page
      .locator('.ant-table-row', { hasText: '王大爷' })
      .filter({ hasText: String(stamp) })
      .first();
    await row.waitFor({ timeout: 15_000 });
    await row.getByRole('button', { name: btn('转为提案') }).click();
    await dialogOk(c);
    // The draft is the member's until they submit it: the office sees what it became, and no link it could not open.
    await row.getByText(`（草稿，待${memberName}完善提交）`).waitFor({ timeout: 15_000 });
    if (await row.getByRole('link', { name: '转为提案' }).count()) throw new Error('the office is offered a link to the member’s draft');
    await c.shoot('studio-request-converted');
  });
  await close();
}

/**
 * The 南川–金牛 cooperation flow (issue #4, E2E_ONLY=coop): nc_office opens the campaign 唱响双城记·建功新南川 and
 * the 渝石进川 item, marks the unloading-point consensus done with evidence → jn_office (a party organization) sees
 * the item and logs progress on its point → rc_office (a third organization) gets not-found for the item's URL.
 */
async function smokeCoopFlow(browser: Browser, base: string) {
  const { step, dialogOk, close } = flow(browser, base, 'coop flow', 'coop');
  const stamp = Date.now() % 100000;
  let itemPath = '';

  await step('nc_office opens the campaign and its counts', 'nc_office', async (c) => {
    await c.go('/campaigns');
    await c.page.getByRole('link', { name: '唱响双城记·建功新南川' }).first().click();
    await c.page.waitForURL(/\/campaigns\/\d+$/, { timeout: 15_000 });
    await c.page.getByTestId('campaign-counts').getByText('参与委员（人）').waitFor({ timeout: 15_000 });
    await c.shoot('coop-campaign');
  });
  await step('nc_office opens the studio the item arose from', 'nc_office', async (c) => {
    await c.go('/studios');
    await c.page.getByRole('link', { name: '“唱响双城记”委员工作室' }).first().click();
    await c.page.waitForURL(/\/studios\/\d+$/, { timeout: 15_000 });
    await c.page.getByText('（领衔）').first().waitFor({ timeout: 15_000 });
    await c.page
      .getByRole('link', { name: /渝石进川/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await c.shoot('coop-studio');
    await c.go('/campaigns');
    await c.page.getByRole('link', { name: '唱响双城记·建功新南川' }).first().click();
    await c.page.waitForURL(/\/campaigns\/\d+$/, { timeout: 15_000 });
  });
  await step('nc_office opens the 渝石进川 item', 'nc_office', async (c) => {
    await c.page
      .getByRole('link', { name: /渝石进川/ })
      .first()
      .click();
    await c.page.waitForURL(/\/coop-items\/\d+$/, { timeout: 15_000 });
    itemPath = new URL(c.page.url()).pathname;
    await c.page.getByText('养马河站每日两趟列车中的一趟作为“渝石进川”专列', { exact: false }).first().waitFor({ timeout: 15_000 });
    for (const party of ['金牛区政协', '成都铁路局', '欣铁物流'])
      await c.page.locator('.ant-tag', { hasText: party }).first().waitFor({ timeout: 15_000 });
    await c.shoot('coop-item');
  });
  await step('nc_office marks the unloading-point consensus done with evidence', 'nc_office', async (c) => {
    const point = c.page.getByTestId('coop-point-2');
    await point.getByRole('button', { name: btn('标记完成') }).click();
    await c.page.locator('.ant-modal:visible #evidence').fill(`荷花池货场卸货点已投用，首批建材 1200 吨到站（${stamp}）`);
    await c.page.locator('.ant-modal:visible #evidenceRef').fill('金牛区口岸物流办函〔2026〕12号');
    await dialogOk(c);
    await point.locator('.ant-tag', { hasText: '已完成' }).waitFor({ timeout: 15_000 });
    await point.getByText(`（${stamp}）`, { exact: false }).waitFor({ timeout: 15_000 });
    await c.shoot('coop-point-done');
  });
  await step('jn_office (party organization) sees the item and logs progress on its point', 'jn_office', async (c) => {
    await c.go('/coop-items');
    await c.page
      .getByRole('link', { name: /渝石进川/ })
      .first()
      .waitFor({ timeout: 15_000 });
    await c.go(itemPath);
    await c.page.locator('.ant-tag', { hasText: '本单位为合作方' }).waitFor({ timeout: 15_000 });
    const point = c.page.getByTestId('coop-point-2');
    await point.locator('.ant-tag', { hasText: '已完成' }).waitFor({ timeout: 15_000 });
    if (await point.getByRole('button', { name: btn('标记完成') }).count())
      throw new Error('a party organization is offered a status change');
    await point.getByRole('button', { name: btn('记录进展') }).click();
    await c.page.locator('.ant-modal:visible #body').fill(`第二个卸货点选址已报成都铁路局审核（${stamp}）`);
    await dialogOk(c);
    await c.page.getByTestId('coop-progress').getByText(`第二个卸货点选址已报成都铁路局审核（${stamp}）`).waitFor({ timeout: 15_000 });
    await c.shoot('coop-party-progress');
  });
  await step(
    'rc_office (third organization) gets not-found for the item URL',
    'rc_office',
    async (c) => {
      await c.go(itemPath);
      await c.page.getByText('找不到该记录，或您无权查看').first().waitFor({ timeout: 15_000 });
      await c.shoot('coop-not-found');
    },
    (p) => /^HTTP GET \/api\/(coop-items\/\d+|record-links\/cooperation_item\/\d+) → 404$/.test(p),
  );
  await close();
}

// ── info (社情民意) ──
/**
 * 社情民意 end to end: xs_member files a report (the form warns past 1,500 characters) and submits it; xs_info
 * accepts it for editing, edits it, issues it in a new bulletin issue and downloads the .docx; records an upward
 * adoption and a leader instruction; xs_member sees the status and the instruction in "my information"; the
 * statistics page shows it. Screenshots at 1440 and 375 px.
 */
async function smokeInfoFlow(browser: Browser, base: string) {
  const { step, dialogOk, tag, close } = flow(browser, base, '社情民意', 'info');
  const stamp = Date.now() % 100000;
  const title = `关于增开峨溶镇赶场日公交班次的建议（${stamp}）`;
  let reportPath = '';

  await step('the member writes a report; past 1,500 characters the form warns', 'xs_member', async (c) => {
    await c.go('/my-info');
    await c.page.getByRole('button', { name: /报送信息/ }).click();
    await dialogOk(c);
    await c.page.waitForURL(/\/info-reports\/\d+$/, { timeout: 15_000 });
    reportPath = new URL(c.page.url()).pathname;
    await c.page.locator('#title').fill(title);
    await c.page.locator('#situation').fill('峨溶镇逢三、六、九赶场，县城至峨溶公交每天 6 班，赶场日早班车严重超员。'.repeat(60));
    await c.page.locator('#analysis').fill('赶场日客流集中在早上 7 点至 9 点，现有班次安排未区分赶场日与平日。');
    await c.page.locator('#suggestion').fill('建议县交通运输委指导运输企业在赶场日早高峰增开 2 个班次，并实行动态调度。');
    await c.page.getByText('已超过 1500 字').first().waitFor({ timeout: 10_000 });
    await c.shoot('info-long-warning');
    await c.page.locator('#situation').fill('峨溶镇逢三、六、九赶场，县城至峨溶公交每天 6 班，赶场日早班车严重超员。');
    await c.page.getByText('已自动保存').first().waitFor({ timeout: 15_000 });
    const warned = await c.page.getByText('已超过 1500 字').count();
    return warned ? ['the warning stays after trimming'] : [];
  });
  await step('the member submits it', 'xs_member', async (c) => {
    await c.page.getByRole('button', { name: btn('报送') }).click();
    await tag(c, '已报送');
    await c.shoot('info-submitted');
  });
  await step('the information office accepts it and edits it (history kept)', 'xs_info', async (c) => {
    await c.go(reportPath);
    await c.page.getByText(title).first().waitFor({ timeout: 15_000 });
    await c.page.getByRole('button', { name: btn('接收采编') }).click();
    await tag(c, '采编中');
    await c.page.getByRole('button', { name: btn('采编修改') }).click();
    await c.page.locator('.ant-modal:visible #suggestion').fill('建议在赶场日早高峰增开 2 个班次，实行动态调度。');
    await c.page.locator('.ant-modal:visible #note').fill('精简建议部分');
    await dialogOk(c);
    await c.page.getByText('精简建议部分').first().waitFor({ timeout: 15_000 });
  });
  await step('the office issues it in a new bulletin issue and downloads the .docx', 'xs_info', async (c) => {
    await c.go('/info-desk');
    await c.page.locator('.ant-segmented-item', { hasText: '采编中' }).first().click();
    await settle(c.page, c.watcher);
    const row = c.page.locator('tr', { hasText: title }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.locator('.ant-checkbox-input').first().check();
    const issueButton = c.page.getByRole('button', { name: /编发新一期（1）/ });
    await issueButton.waitFor({ timeout: 15_000 });
    await issueButton.click();
    await c.page.locator('.ant-modal:visible').first().waitFor({ timeout: 15_000 });
    await dialogOk(c);
    await c.page.locator('.ant-tabs-tab-active', { hasText: '期刊' }).waitFor({ timeout: 15_000 });
    const card = c.page.locator('.ant-card', { hasText: title }).first();
    await card.waitFor({ timeout: 15_000 });
    await c.shoot('info-issued');
    const [dl] = await Promise.all([
      c.page.waitForEvent('download', { timeout: 20_000 }),
      card.getByRole('button', { name: /下载 Word/ }).click(),
    ]);
    const file = await dl.path();
    const size = file ? fs.statSync(file).size : 0;
    const problems: string[] = [];
    if (!/^社情民意-\d{4}年第\d+期\.docx$/.test(dl.suggestedFilename())) problems.push(`unexpected file name ${dl.suggestedFilename()}`);
    if (size < 2000) problems.push(`the .docx is too small (${size} bytes)`);
    return problems;
  });
  await step('the office records an upward adoption and a leader instruction', 'xs_info', async (c) => {
    await c.go(reportPath);
    await tag(c, '已编发');
    await c.page.getByRole('button', { name: btn('登记上级采用') }).click();
    await c.page.locator('.ant-modal:visible #bodyName').fill('重庆市政协');
    await dialogOk(c);
    await tag(c, '上级采用');
    await c.page.getByRole('button', { name: btn('登记领导批示') }).click();
    await c.page.locator('.ant-modal:visible #leader').fill('县委书记');
    await c.page.locator('.ant-modal:visible #text').fill('请县交通运输委研究赶场日增开班次，月底前落实。');
    // Each dialog starts from its own defaults (an instruction: 区县), not the previous dialog's (an adoption: 市).
    const level = await c.page.locator('.ant-modal:visible .ant-form-item:has(label[for="level"])').first().innerText();
    await dialogOk(c);
    if (!level.includes('区县')) throw new Error(`the instruction dialog starts at level ${level}`);
    await tag(c, '领导批示');
    await c.shoot('info-instructed');
  });
  await step('the member sees the status and the instruction in "my information"', 'xs_member', async (c) => {
    await c.go('/my-info');
    const row = c.page.locator('tr', { hasText: title }).first();
    await row.locator('.ant-tag', { hasText: '领导批示' }).waitFor({ timeout: 15_000 });
    await c.shoot('info-mine');
    await row.getByRole('link').first().click();
    await c.page.getByText('请县交通运输委研究赶场日增开班次，月底前落实。').first().waitFor({ timeout: 15_000 });
    await c.page.getByText('重庆市政协（市）').first().waitFor({ timeout: 15_000 });
    await c.page.getByText('县委书记（区县）').first().waitFor({ timeout: 15_000 });
    await c.shoot('info-member-instruction');
  });
  await step('the statistics page counts it', 'xs_info', async (c) => {
    await c.go('/info-stats');
    await c.page.locator('[data-testid="info-month-chart"] canvas').first().waitFor({ timeout: 15_000 });
    await c.page.locator('.ant-table-row', { hasText: '田晓峰' }).first().waitFor({ timeout: 15_000 });
    await c.shoot('info-stats');
  });
  await close();
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
    check('xs_member files and submits a proposal', [
      ...watcher.take(),
      ...(stored.length ? [`draft copies left in localStorage: ${stored.join(', ')}`] : []),
    ]);
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
    check('xs_proposal searches with "/" and narrows by a facet', [
      ...office.watcher.take(),
      String(err instanceof Error ? err.message : err),
    ]);
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
    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    check('xs_proposal proposes a merge from the similar-proposals panel', [
      ...watcher.take(),
      ...(prefilled ? [] : ['the merge dialog did not show the proposed target']),
    ]);
  } catch (err) {
    check('xs_proposal proposes a merge from the similar-proposals panel', [
      ...office.watcher.take(),
      String(err instanceof Error ? err.message : err),
    ]);
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
    check('xs_member sees similar proposals beside a draft (no merge button)', [
      ...watcher.take(),
      ...(mergeButtons ? ['a member was offered 并案'] : []),
    ]);
  } catch (err) {
    check('xs_member sees similar proposals beside a draft (no merge button)', [
      ...member.watcher.take(),
      String(err instanceof Error ? err.message : err),
    ]);
  } finally {
    await member.context.close();
  }
}

/**
 * Duty records (履职档案, issue #7): xs_member opens 我的履职 and follows a point to its source record; the office
 * (xs_office, general_staff) raises a rule's points, recomputes, sees the ranking change and downloads a statement.
 */
async function smokeDuty(browser: Browser, base: string) {
  const member = await openAs(browser, base, 'xs_member');
  try {
    const { page, watcher, go, shoot } = member;
    await go('/my-duty');
    await page.getByTestId('duty-total').waitFor({ timeout: 15_000 });
    await shoot('my-duty');
    const link = page
      .locator('[data-testid="duty-entries"] a[href^="/proposals/"], [data-testid="duty-entries"] a[href^="/activities/"]')
      .first();
    const href = (await link.getAttribute('href')) ?? '';
    await link.click();
    await page.waitForURL((u) => u.pathname === href, { timeout: 15_000 });
    await settle(page, watcher);
    await shoot('duty-source');
    check('xs_member opens 我的履职 and follows a point to its source', [...watcher.take(), ...(href ? [] : ['no linked entry'])]);
  } catch (err) {
    check('xs_member opens 我的履职 and follows a point to its source', [
      ...member.watcher.take(),
      String(err instanceof Error ? err.message : err),
    ]);
  } finally {
    await member.context.close();
  }
  const office = await openAs(browser, base, 'xs_office');
  try {
    const { page, watcher, go, shoot } = office;
    const ranking = async () => (await page.getByTestId('duty-scores').locator('tbody').innerText()).trim();
    await go('/duty');
    await page.getByTestId('duty-scores').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    const before = await ranking();
    await shoot('duty-ranking');
    await go('/duty-rules');
    const points = page.getByLabel('提案（第一提案人，立案） 分值');
    await points.fill('40');
    await shoot('duty-rules');
    await page.getByTestId('duty-rules-save').click();
    await page.locator('.ant-message-success').waitFor({ timeout: 30_000 });
    await settle(page, watcher);
    await go('/duty');
    await page.getByTestId('duty-recompute').click();
    // 已重新计算：N 名委员… (the explicit recompute; the rules' save message, 已重新计算 2026 年度, may still be showing)
    await page.locator('.ant-message-success', { hasText: '已重新计算：' }).waitFor({ timeout: 30_000 });
    await settle(page, watcher);
    const after = await ranking();
    await shoot('duty-ranking-after');
    check('xs_office raises a rule, recomputes and the ranking changes', [
      ...watcher.take(),
      ...(after !== before ? [] : ['the ranking did not change']),
    ]);
    await page.getByTestId('duty-scores').locator('tbody a[href^="/duty/members/"]').first().click();
    await page.waitForURL(/\/duty\/members\/\d+$/, { timeout: 15_000 });
    await page.getByTestId('duty-total').waitFor({ timeout: 15_000 });
    await shoot('duty-member');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20_000 }), page.getByTestId('duty-statement').click()]);
    const name = download.suggestedFilename();
    await settle(page, watcher);
    check("xs_office downloads a member's annual statement (.docx)", [
      ...watcher.take(),
      ...(/\.docx$/.test(name) ? [] : [`unexpected file ${name}`]),
    ]);
  } catch (err) {
    check('xs_office duty records', [...office.watcher.take(), String(err instanceof Error ? err.message : err)]);
  } finally {
    await office.context.close();
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

// ── Work system (五个一) and the leadership dashboard ──────────────────────────
/** Outcomes the 荣昌 flow converted in this run: the 驾驶舱's 转化落实 figure counts them on top of the demo's 45. */
let rongchangConversions = 0;

/**
 * rc_leader opens the 驾驶舱 and sees the five figures computed from records, clicks "解决问题 25" to its list;
 * rc_office records a report hearing (the obligation was overdue), sees the count go to 23 and the flag clear,
 * and the dashboard follows.
 */
async function smokeWorkSystem(browser: Browser, base: string) {
  const { step, close } = flow(browser, base, 'work system', 'work');
  const figure = async (c: Ctx, metric: string) =>
    (await c.page.locator(`[data-testid=figure-${metric}] .ant-statistic-content-value`).innerText()).replace(/[^\d]/g, '');
  const expectFigure = async (c: Ctx, metric: string, want: string) => {
    const got = await figure(c, metric);
    if (got !== want) throw new Error(`${metric}: expected ${want}, got ${got}`);
  };

  await step('rc_leader opens the 驾驶舱 and sees the five figures', 'rc_leader', async (c) => {
    await c.go('/leader-dashboard');
    await c.page.locator('[data-testid=seed-sentence]').waitFor({ timeout: 15_000 });
    await expectFigure(c, 'hearings', '22');
    await expectFigure(c, 'converted', String(45 + rongchangConversions));
    await expectFigure(c, 'leaderConsultations', '18');
    await expectFigure(c, 'solved', '25');
    // 5 once the information demo (社情民意) is merged; the outcome demo holds no 市-level instruction.
    log(`      市领导批示: ${await figure(c, 'cityInstructions')}`);
    await c.shoot('dashboard');
  });
  await step('rc_leader clicks 解决问题 25 and sees the 25 problems', 'rc_leader', async (c) => {
    await c.page.locator('[data-testid=figure-solved]').click();
    const items = c.page.locator('.ant-drawer [data-testid=drill-list] .ant-list-item');
    await items.first().waitFor({ timeout: 15_000 });
    await settle(c.page, c.watcher);
    const n = await items.count();
    if (n !== 25) throw new Error(`drill-down lists ${n} problems, expected 25`);
    await c.shoot('dashboard-solved');
  });
  await step('rc_office sees the report-hearing obligation overdue and records a hearing: 23, flag cleared', 'rc_office', async (c) => {
    await c.go('/work-system');
    const card = c.page.locator('[data-testid=obligation-report_hearing]');
    await card.locator('[data-testid=clock-overdue]').waitFor({ timeout: 15_000 });
    const before = (await card.locator('[data-testid=fulfilments-report_hearing]').innerText())
      .replace(/[^\d]/g, ' ')
      .trim()
      .split(/\s+/)[0];
    if (before !== '22') throw new Error(`expected 22 hearings, got ${before}`);
    await c.shoot('work-system-overdue');
    await card.locator('[data-testid=fulfil-report_hearing]').click();
    await c.page.locator('.ant-modal:visible [data-testid=fulfil-note]').fill('区委常委会会议听取区政协党组工作汇报（E2E）');
    await c.page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').last().click();
    await c.page
      .locator('.ant-modal:visible')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => undefined);
    await card.locator('[data-testid=clock-fulfilled]').waitFor({ timeout: 15_000 });
    const after = (await card.locator('[data-testid=fulfilments-report_hearing]').innerText())
      .replace(/[^\d]/g, ' ')
      .trim()
      .split(/\s+/)[0];
    if (after !== '23') throw new Error(`expected 23 hearings, got ${after}`);
    await c.shoot('work-system-recorded');
  });
  await step('the dashboard counts the new hearing', 'rc_office', async (c) => {
    await c.go('/leader-dashboard');
    await c.page.locator('[data-testid=seed-sentence]').waitFor({ timeout: 15_000 });
    await expectFigure(c, 'hearings', '23');
  });
  await close();
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
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      XIESHANG_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
      XIESHANG_WORKER: 'false',
    };
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
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
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
    // ── joint activities ──
    if (!only || only.includes('joint')) {
      log('\n九龙坡–新都 joint consultation across two organizations');
      await smokeJointFlow(browser, base);
    }
    if (!only || only.includes('studio')) {
      log('\n南川 studio: week roster → plan a shift → public request turned into a draft proposal');
      await smokeStudioFlow(browser, base);
    }
    if (!only || only.includes('coop')) {
      log('\n南川–金牛 cooperation item: campaign → item → point done with evidence → party logs progress → third organization 404');
      await smokeCoopFlow(browser, base);
    }
    if (!only || only.includes('assist')) {
      log('\noffice suggestions (category, units)');
      await smokeAssist(browser, base);
    }
    if (!only || only.includes('search')) {
      log('\nsearch and similar proposals');
      await smokeSearch(browser, base);
    }
    // ── info (社情民意) ──
    if (!only || only.includes('info')) {
      log('\n社情民意: submit → edit → issue (.docx) → adoption → instruction → my information → statistics');
      await smokeInfoFlow(browser, base);
    }
    if (!only || only.includes('duty')) {
      log('\nduty records (履职档案)');
      await smokeDuty(browser, base);
    }
    if (!only || only.includes('work')) {
      log('\n荣昌 五个一: 驾驶舱 figures, drill-down, recording a report hearing');
      await smokeWorkSystem(browser, base);
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
