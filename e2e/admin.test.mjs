// The admin page (/admin/ on the admin API's own port) in headless Chromium, against a real gateway with
// two softphone browsers in a call: it asks for the token, lists users, rooms and calls, refreshes by
// itself, and its End and Disconnect buttons reach the browsers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { screenshot } from './lib/screenshots.mjs';
import { startGateway, freePort } from './lib/gateway-process.mjs';
import { openPhone, call, answer, waitFor, waitForVideo, closeAll } from './lib/softphone.mjs';

const TOKEN = 'e2e-admin-token-0123456789abcdef';

let gateway;
let browser;
let adminUrl;
let admin;
let alice;
let bob;

before(async () => {
  const adminPort = await freePort();
  gateway = await startGateway({
    extraArgs: ['--admin.enabled', 'true', '--admin.port', String(adminPort), '--admin.token', TOKEN],
  });
  adminUrl = `http://127.0.0.1:${adminPort}/admin/`;
  browser = await launchBrowser();
  alice = await openPhone(browser, gateway.url, 'alice');
  bob = await openPhone(browser, gateway.url, 'bob');
});

after(async () => {
  await closeAll([alice, bob, admin]);
  await browser?.close();
  await gateway?.stop();
});

/** The names in the first column of a table's rows (none: the "none" row). */
function rows(page, table) {
  return page.$$eval(`#${table} tbody tr`, (trs) => trs.filter((tr) => !tr.querySelector('td.empty'))
    .map((tr) => tr.cells[0].textContent));
}

test('a wrong token is refused and the page asks again', { timeout: 30000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 700 } });
  const page = await context.newPage();
  admin = { context, page };
  await page.goto(adminUrl);
  await waitFor(page, 'the token form', () => !document.querySelector('#login').classList.contains('hidden'));
  await page.fill('#token', 'not-the-token');
  await page.click('#login button[type=submit]');
  await waitFor(page, 'the refusal', () => document.querySelector('#status').textContent.includes('refused'));
  assert.equal(await page.$eval('#content', (c) => c.classList.contains('hidden')), true);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'a refused token is not kept');
});

test('with the token it shows the users, their room and their call, refreshed live', { timeout: 90000 }, async () => {
  const { page } = admin;
  await page.fill('#token', TOKEN);
  await page.click('#login button[type=submit]');
  await waitFor(page, 'alice and bob listed', () => document.querySelectorAll('#users tbody tr[data-name]').length === 2);
  assert.deepEqual(await rows(page, 'users'), ['alice', 'bob']);
  assert.deepEqual(await rows(page, 'calls'), []);

  // What happens after the page loaded shows up without a reload: a room, then a call. Only alice joins
  // the room: two members would call each other (a room is a mesh of calls) and blur the one call below.
  await alice.page.fill('#room-name', 'standup');
  await alice.page.fill('#room-capacity', '4');
  await alice.page.click('#join-button');
  await waitFor(alice.page, 'alice in the room', () => !document.querySelector('#room-panel').hidden);
  await waitFor(page, 'room standup with alice in it', () => [...document.querySelectorAll('#rooms tbody tr')]
    .some((tr) => tr.cells[0].textContent === 'standup' && tr.cells[1].textContent === 'alice' && tr.cells[2].textContent === '1 of 4'));
  await call(alice, 'bob');
  await answer(bob, 'alice');
  await waitForVideo(bob, 'alice');
  await waitFor(page, 'the answered call', () => [...document.querySelectorAll('#calls tbody tr[data-id]')]
    .some((tr) => tr.cells[1].textContent === 'alice' && tr.cells[2].textContent === 'bob' && tr.cells[3].textContent === 'answered'));
  const aliceRow = await page.$eval('#users tr[data-name="alice"]', (tr) => [...tr.cells].map((c) => c.textContent));
  assert.match(aliceRow[1], /^127\.0\.0\.1:\d+$/);
  assert.equal(aliceRow[3], 'standup');
  assert.notEqual(aliceRow[4], '', 'alice\'s call id is listed');
  const callRow = await page.$eval('#calls tbody tr[data-id]', (tr) => [...tr.cells].map((c) => c.textContent));
  assert.match(callRow[6], /^[A-Za-z0-9_-]{10}$/, 'the call\'s log id (its correlation id)');

  await screenshot(page, 'admin-page.png', { fullPage: true });
});

test('End ends the call in both browsers', { timeout: 30000 }, async () => {
  const { page } = admin;
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#calls tbody tr[data-id] button');
  for (const phone of [alice, bob]) {
    await waitFor(phone.page, `no call left on ${phone.name}`, () => window.softphone.gw.calls.size === 0);
  }
  await waitFor(page, 'no call listed', () => document.querySelectorAll('#calls tbody tr[data-id]').length === 0);
});

test('Disconnect closes bob\'s connection and the page no longer lists him', { timeout: 30000 }, async () => {
  const { page } = admin;
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#users tr[data-name="bob"] button');
  await waitFor(bob.page, 'bob disconnected', () => document.querySelector('#status').dataset.state !== 'connected');
  await waitFor(page, 'only alice listed', () => document.querySelectorAll('#users tbody tr[data-name]').length === 1);
  assert.deepEqual(await rows(page, 'users'), ['alice']);
});
