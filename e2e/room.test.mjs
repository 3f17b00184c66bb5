// Rooms (a full mesh of calls) and presence, through a real gateway.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { startGateway } from './lib/gateway-process.mjs';
import {
  openPhone, waitFor, waitForVideo, noticeWith, remoteTiles, closeAll,
} from './lib/softphone.mjs';

let gateway;
let browser;
const phones = [];

before(async () => {
  gateway = await startGateway();
  browser = await launchBrowser();
});

after(async () => {
  await closeAll(phones);
  await browser?.close();
  await gateway?.stop();
});

async function join(phone, room, capacity) {
  await phone.page.fill('#room-name', room);
  await phone.page.fill('#room-capacity', String(capacity));
  await phone.page.click('#join-button');
}

async function members(phone) {
  return phone.page.$$eval('#room-members li', (lis) => lis.map((li) => li.dataset.name).sort());
}

test('three browsers in a room of capacity 3 form a mesh: each decodes video from both others', { timeout: 120000 }, async () => {
  const [ann, ben, cat] = await Promise.all(['ann', 'ben', 'cat'].map((n) => openPhone(browser, gateway.url, n)));
  phones.push(ann, ben, cat);
  for (const phone of [ann, ben, cat]) {
    await join(phone, 'standup', 3);
    await waitFor(phone.page, `${phone.name} in the room`, () => !document.querySelector('#room-panel').hidden);
  }
  for (const [phone, others] of [[ann, ['ben', 'cat']], [ben, ['ann', 'cat']], [cat, ['ann', 'ben']]]) {
    for (const other of others) {
      const s = await waitForVideo(phone, other, 0, 30000);
      assert.ok(s.framesDecoded > 0, `${phone.name} decodes ${other}`);
    }
    assert.deepEqual(await remoteTiles(phone), others);
    await waitFor(phone.page, `${phone.name} lists 3 members`, () => document.querySelectorAll('#room-members li').length === 3);
    assert.deepEqual(await members(phone), ['ann', 'ben', 'cat']);
  }

  // Room chat reaches every other member.
  await ben.page.fill('#chat-input', 'hello room');
  await ben.page.click('#chat-send');
  for (const phone of [ann, cat]) {
    await waitFor(phone.page, `room chat on ${phone.name}`, () => document.querySelector('#chat-log').textContent.includes('hello room'));
  }
});

test('a fourth browser joining the full room is told "room is full"', { timeout: 60000 }, async () => {
  const dan = await openPhone(browser, gateway.url, 'dan');
  phones.push(dan);
  await join(dan, 'standup', 3);
  assert.match(await noticeWith(dan, 'room-full'), /Room "standup" is full/);
  assert.equal(await dan.page.$eval('#room-panel', (p) => p.hidden), true);
  assert.deepEqual(await remoteTiles(dan), []);
});

test('leaving the room ends that member\'s legs on the others', { timeout: 60000 }, async () => {
  const [ann, ben, cat] = phones;
  await cat.page.click('#leave-button');
  for (const phone of [ann, ben]) {
    await waitFor(phone.page, `cat gone on ${phone.name}`, () => !document.querySelector('.tile.remote[data-peer="cat"]')
      && document.querySelectorAll('#room-members li').length === 2);
  }
  assert.deepEqual(await remoteTiles(ann), ['ben']);
  assert.deepEqual(await remoteTiles(cat), []);
});

test('the contact list shows a followed address\'s live presence', { timeout: 60000 }, async () => {
  const eve = await openPhone(browser, gateway.url, 'eve');
  const fay = await openPhone(browser, gateway.url, 'fay');
  phones.push(eve, fay);
  await eve.page.fill('#follow-address', 'fay');
  await eve.page.click('#follow-button');
  const status = (s) => waitFor(eve.page, `fay shown as ${s}`,
    (st) => document.querySelector('#contacts li[data-address="fay"]')?.dataset.status === st, s);
  await status('available');
  await fay.page.selectOption('#my-presence', 'away');
  await status('away');
  await fay.page.click('#logout-button');
  await status('offline');
});
