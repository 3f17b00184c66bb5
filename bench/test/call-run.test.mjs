// The tally both paths of bench/xmpp-load.mjs keep of a run of calls (bench/lib/call-run.mjs).
//   node --test bench/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CallRun } from '../lib/call-run.mjs';

const stage = (call) => (call.answered ? 'no hang-up' : 'no answer');
const options = (o) => ({ label: 't', concurrent: 2, callTimeoutMs: 5000, runTimeoutMs: 5000, runTimeoutText: 'out of time', stage,
  general: (reason) => reason.replace(/t-\d+/g, '<call>'), place: () => {}, ...o });

test('a run keeps at most `concurrent` calls in flight and tallies every call that ends well', async () => {
  let inFlight = 0;
  let mostInFlight = 0;
  const tally = new CallRun(options({
    n: 7,
    concurrent: 3,
    place: (call) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      setImmediate(() => {
        tally.answerArrived(call);
        setImmediate(() => { inFlight--; tally.succeed(call); });
      });
    },
  }));
  const r = await tally.start();
  assert.equal(mostInFlight, 3);
  assert.deepEqual([r.ok, r.answered, r.failed, r.failures.size, r.strays.size, r.firstFailures], [7, 7, 0, 0, 0, []]);
  assert.equal(r.setupMs.length, 7);
  assert.equal(r.cycleMs.length, 7);
  assert.deepEqual(r.cycleMs, [...r.cycleMs].sort((a, b) => a - b));
  assert.ok(r.seconds > 0, `seconds ${r.seconds}`);
});

test('a run that runs out of time fails its live calls at their stage and counts the calls it did not place', async () => {
  const cleanedUp = [];
  let finishes = 0;
  const tally = new CallRun(options({
    n: 5, runTimeoutMs: 30, onFail: (call) => cleanedUp.push(call.id), onFinish: () => finishes++,
  }));
  const r = await tally.start();
  assert.equal(r.failed, 5);
  assert.deepEqual([...r.failures], [['out of time: no answer', 2], ['not placed: out of time', 3]]);
  assert.deepEqual(r.firstFailures, ['t-0: out of time: no answer', 't-1: out of time: no answer']);
  assert.deepEqual(cleanedUp, ['t-0', 't-1']);
  assert.equal(finishes, 1);
  assert.ok(Number.isNaN(r.seconds), 'no answer, no set-up rate');
});

test('a call not ended in time fails at its stage and gives its slot to the next call', async () => {
  const tally = new CallRun(options({
    n: 3, concurrent: 1, callTimeoutMs: 20,
    place: (call, i) => {
      if (i === 0) tally.answerArrived(call); // answered, never hung up
      else setImmediate(() => tally.succeed(call));
    },
  }));
  const r = await tally.start();
  assert.deepEqual([r.ok, r.answered, r.failed], [2, 1, 1]);
  assert.deepEqual([...r.failures], [['timeout: no hang-up within 0.02 s', 1]]);
  assert.deepEqual(r.firstFailures, ['t-0: timeout: no hang-up within 0.02 s']);
});

test('failures count by their general text, a call fails once, and messages for no live call count as strays', async () => {
  const tally = new CallRun(options({
    n: 4,
    place: (call) => setImmediate(() => {
      tally.fail(call, `${call.id} refused`);
      tally.fail(call, 'and again'); // already ended: not counted
      assert.equal(tally.live(call.id), null);
      tally.stray('a bye for no live call');
    }),
  }));
  const r = await tally.start();
  assert.equal(r.failed, 4);
  assert.deepEqual([...r.failures], [['<call> refused', 4]]);
  assert.deepEqual(r.firstFailures, ['t-0: t-0 refused', 't-1: t-1 refused', 't-2: t-2 refused']);
  assert.deepEqual([...r.strays], [['a bye for no live call', 4]]);
});
