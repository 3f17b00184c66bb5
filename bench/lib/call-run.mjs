// The tally of one run of calls, shared by bench/xmpp-load.mjs's two paths (the bridged run through the gateway and
// the client-to-client baseline of bench/lib/jingle-baseline.mjs), so that both count, time and word a call's fate
// the same way and their figures stand side by side. It places `n` calls, keeps at most `concurrent` of them in
// flight, bounds each call and the run, and resolves to the run's result. What a call is and which message moves
// it on is the driver's: it places a call in `place(call, i)` and tells the run when the call's answer arrived
// (answerArrived), when it ended well (succeed), when it failed (fail), and of messages for no live call (stray).

/** Adds one to `what`'s count in `map`. */
export const count = (map, what) => map.set(what, (map.get(what) ?? 0) + 1);

/** How many failures the result keeps word for word (`firstFailures`), beside the counts by reason. */
const FIRST_FAILURES_KEPT = 3;

export class CallRun {
  /**
   * @param {object} o
   * @param {string} o.label the calls' ids are `${label}-<i>`
   * @param {number} o.n calls to place
   * @param {number} o.concurrent at most this many calls in flight at a time
   * @param {number} o.callTimeoutMs a call not ended by then fails as `timeout: ${stage(call)} within <s> s`
   * @param {number} o.runTimeoutMs the run ends by then, what is left of it failing as `${runTimeoutText}: ...`
   * @param {string} o.runTimeoutText why the run ended when it ran out of time (each driver words its own)
   * @param {(call: object, i: number) => void} o.place sends what starts call `i` (`call` has `id` and `t0`)
   * @param {(call: object) => string} o.stage what a call still waited for, for the failure texts of live calls
   * @param {(reason: string) => string} o.general one text for the same trouble of many calls (ids left out):
   *   failures are counted by it
   * @param {(call: object) => void} [o.onFail] ends what is left of a failed call at its peers (before its slot is
   *   given to the next call)
   * @param {() => void} [o.onFinish] called once when the run ends, before it resolves (to stop listening, say)
   */
  constructor({ label, n, concurrent, callTimeoutMs, runTimeoutMs, runTimeoutText, place, stage, general,
    onFail = () => {}, onFinish = () => {} }) {
    Object.assign(this, { label, n, concurrent, callTimeoutMs, runTimeoutMs, runTimeoutText, place, stage, general,
      onFail, onFinish });
    /** id -> call, every call placed, in the order placed. */
    this.calls = new Map();
    this.failures = new Map(); // why a call failed (general) -> calls
    this.strays = new Map();   // a message for no live call of the run -> times
    this.firstFailures = [];
    this.setupMs = [];         // call placed -> its answer arrived
    this.cycleMs = [];         // call placed -> it ended well
    this.placed = 0;
    this.inFlight = 0;
    this.ok = 0;
    this.answered = 0;
    this.failed = 0;
    this.firstPlacedAt = null;
    this.lastAnswerAt = null;
    this.finished = false;
  }

  /** Places the first calls and resolves to the run's result once every call ended or the run ran out of time. */
  start() {
    return new Promise((resolve) => {
      this.resolve = resolve;
      this.runTimer = setTimeout(() => this.finish(this.runTimeoutText), this.runTimeoutMs);
      this.pump();
    });
  }

  /** The call with this id if it is still in flight, else null. */
  live(id) {
    const call = this.calls.get(id);
    return call && !call.done ? call : null;
  }

  /** The call's answer arrived: its set-up is done. */
  answerArrived(call) {
    call.answered = true;
    this.answered++;
    this.lastAnswerAt = performance.now();
    this.setupMs.push(this.lastAnswerAt - call.t0);
  }

  /** The call ended as it should (no-op for a call already ended): its slot goes to the next call. */
  succeed(call) {
    if (call.done) return;
    this.end(call);
    this.ok++;
    this.cycleMs.push(performance.now() - call.t0);
    this.release();
  }

  /** The call failed for `reason` (no-op for a call already ended): its slot goes to the next call. */
  fail(call, reason) {
    if (call.done) return;
    this.end(call);
    this.failed++;
    count(this.failures, this.general(reason));
    if (this.firstFailures.length < FIRST_FAILURES_KEPT) this.firstFailures.push(`${call.id}: ${reason}`);
    this.onFail(call);
    this.release();
  }

  /** A message for no live call of the run (counted as worded: the driver generalizes it if it needs to). */
  stray(what) {
    count(this.strays, what);
  }

  /** @private */
  end(call) {
    call.done = true;
    clearTimeout(call.timer);
  }

  /** @private */
  release() {
    this.inFlight--;
    this.pump();
  }

  /** @private Keeps `concurrent` calls in flight while some are left to place; ends the run when all have ended. */
  pump() {
    if (this.finished) return;
    while (this.inFlight < this.concurrent && this.placed < this.n) this.placeNext();
    if (this.placed === this.n && this.inFlight === 0) this.finish(null);
  }

  /** @private */
  placeNext() {
    const i = this.placed++;
    const call = { id: `${this.label}-${i}`, t0: performance.now() };
    this.calls.set(call.id, call);
    this.inFlight++;
    call.timer = setTimeout(() => this.fail(call, `timeout: ${this.stage(call)} within ${this.callTimeoutMs / 1000} s`), this.callTimeoutMs);
    this.firstPlacedAt ??= call.t0;
    this.place(call, i);
  }

  /**
   * Ends the run: `why` (null when every call ended) fails the calls still in flight and counts the calls not placed.
   * @private
   */
  finish(why) {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.runTimer);
    for (const call of this.calls.values()) if (!call.done) this.fail(call, `${why}: ${this.stage(call)}`);
    if (this.placed < this.n) {
      this.failures.set(`not placed: ${why}`, this.n - this.placed);
      this.failed += this.n - this.placed;
    }
    this.onFinish();
    const { ok, answered, failed, failures, strays, firstFailures, firstPlacedAt, lastAnswerAt } = this;
    // The set-up rate's time: the first call placed -> the last answer; none when no answer came.
    const seconds = firstPlacedAt !== null && lastAnswerAt !== null && lastAnswerAt > firstPlacedAt ? (lastAnswerAt - firstPlacedAt) / 1000 : NaN;
    const sorted = (xs) => xs.sort((a, b) => a - b);
    this.resolve({ ok, answered, failed, failures, strays, firstFailures, setupMs: sorted(this.setupMs), cycleMs: sorted(this.cycleMs), seconds });
  }
}
