// A Pipe direction's lane (connection-lane.ts) against a plain model, single-threaded: one writer and one reader
// take turns, so any interleaving of the two processes is some sequence of these calls. Messages the lane
// refuses (too large, or no room) take a stand-in port, as Connection.send does; the reader must get every
// message back in the order sent, wherever it went.
import { describe, expect, it } from 'vitest';
import { LANE_MESSAGE_LIMIT, Lane } from './connection-lane.ts';
import { decode, encode, type Encoded } from './ring.ts';

function lcg(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
}

describe('Lane', () => {
  it('gives back every message in order, through wrap-arounds, full lanes and the port fallback (model check)', () => {
    const rand = lcg(20261207);
    let viaPort = 0;
    let viaLane = 0;
    for (let trial = 0; trial < 100; trial++) {
      const capacity = 64 << rand(6); // 64 B to 2 KiB: records wrap and fill the lane often
      const lane = Lane.create(capacity);
      const port: { seq: number; item: Encoded }[] = [];
      const sent: unknown[] = [];
      let received = 0;
      for (let step = 0; step < 400; step++) {
        if (rand(100) < 55) {
          const len = rand(capacity);
          const value = rand(4) === 0 ? new Map([[len, 'é'.repeat(len % 40)]]) : { n: sent.length, s: 'x'.repeat(len) };
          const item = encode(value);
          const seq = lane.nextToSend();
          if (lane.tryWrite(seq, item)) viaLane++;
          else {
            port.push({ seq, item });
            viaPort++;
          }
          lane.announceSent();
          sent.push(value);
        } else if (lane.hasMessage()) {
          const seq = lane.nextToTake();
          let item: Encoded;
          if (lane.oldestSeq() === seq) item = lane.takeFromLane();
          else {
            const next = port.shift();
            expect(next?.seq, `trial ${trial} step ${step}`).toBe(seq);
            item = next!.item;
            lane.countTaken();
          }
          expect(decode(item), `trial ${trial} step ${step}`).toEqual(sent[received]);
          received++;
        }
      }
    }
    // Both paths were exercised many times.
    expect(viaLane).toBeGreaterThan(5_000);
    expect(viaPort).toBeGreaterThan(500);
  });

  it('sends what is larger than a quarter of the lane through the port, even when the lane is empty', () => {
    const lane = Lane.create();
    expect(lane.tryWrite(0, 'x'.repeat(LANE_MESSAGE_LIMIT))).toBe(false);
    expect(lane.tryWrite(0, 'x'.repeat(LANE_MESSAGE_LIMIT - 2))).toBe(true);
  });

  it('tells the reader when the writer closed, and the writer when the reader closed', () => {
    const lane = Lane.create();
    const before = lane.events();
    expect(lane.writerClosed() || lane.readerClosed()).toBe(false);
    lane.closeWriter();
    expect(lane.writerClosed()).toBe(true);
    expect(lane.events()).not.toBe(before); // a reader asleep on the events word wakes up
    lane.closeReader();
    expect(lane.readerClosed()).toBe(true);
  });

  it('wakes a reader that counted itself parked, on a send and on the writer closing', async () => {
    type WaitAsync = (ia: Int32Array, i: number, v: number, ms?: number) => { async: boolean; value: unknown };
    const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
    const lane = Lane.create();
    for (const wakeUp of [() => lane.announceSent(), () => lane.closeWriter()]) {
      const seen = lane.events();
      lane.parked();
      const waiting = waitAsync(lane.words, lane.eventsIndex, seen, 5_000);
      expect(waiting.async).toBe(true);
      wakeUp();
      await expect(waiting.value).resolves.toBe('ok');
      lane.unparked();
    }
  });

  it('lets a reader that parks after a send see it without any notify (its wait finds the word changed)', () => {
    const lane = Lane.create();
    const seen = lane.events();
    lane.announceSent(); // nobody parked: no notify
    lane.parked();
    expect(Atomics.wait(lane.words, lane.eventsIndex, seen, 0)).toBe('not-equal');
    lane.unparked();
  });

  it('asks the sender for one channel wake-up per parking, however many sends follow', () => {
    const lane = Lane.create();
    expect(lane.announceSent()).toBe(false); // nobody parked on the channel
    lane.parkedOnChannel();
    expect(lane.announceSent()).toBe(true);
    expect(lane.announceSent()).toBe(false); // that one wake-up is on its way
    lane.unparkedOnChannel();
    lane.parkedOnChannel();
    expect(lane.announceSent()).toBe(true);
    lane.unparkedOnChannel();
    expect(lane.announceSent()).toBe(false);
  });
});
