// ParkingLot: FIFO parking, unpark(n), unparkAll, repark, and parked fibers leaving on timeout.
import { describe, expect, it } from 'vitest';
import { simulate } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';
import { currentFiber, ParkingLot, TIMEOUT } from './index.ts';

async function parkers(lot: ParkingLot, names: string[], log: string[], timeout: number | null = null): Promise<Thread[]> {
  const threads = names.map((name) => new Thread({
    name,
    target: async () => {
      const value = await lot.park(currentFiber(), { what: 'test.park()' }, timeout);
      log.push(`${name}:${value === TIMEOUT ? 'timeout' : String(value)}`);
    },
  }));
  for (const thread of threads) {
    thread.start();
    await sleep(0.001);
  }
  return threads;
}

describe('ParkingLot', () => {
  it('unparks in the order fibers parked, n at a time, each with the value given', async () => {
    const { value } = await simulate(async () => {
      const lot = new ParkingLot();
      const log: string[] = [];
      const threads = await parkers(lot, ['a', 'b', 'c', 'd'], log);
      expect(lot.size).toBe(4);
      expect(lot.unpark(2, 'x')).toBe(2);
      await sleep(0.001);
      expect(lot.unparkOne('y')?.name).toBe('c');
      expect(lot.unparkAll('z')).toBe(1);
      expect(lot.unparkAll()).toBe(0);
      for (const thread of threads) await thread.join();
      return log;
    });
    expect(value).toEqual(['a:x', 'b:x', 'c:y', 'd:z']);
  });

  it('a fiber whose timeout passes leaves the lot and is not counted by a later unpark', async () => {
    const { value } = await simulate(async () => {
      const lot = new ParkingLot();
      const log: string[] = [];
      const [shortWait] = await parkers(lot, ['short'], log, 0.5);
      const [longWait] = await parkers(lot, ['long'], log);
      await shortWait!.join();
      expect(lot.size).toBe(1);
      expect(lot.unpark(1, 'go')).toBe(1);
      await longWait!.join();
      return log;
    });
    expect(value).toEqual(['short:timeout', 'long:go']);
  });

  it('repark moves waiters to another lot without waking them; their timeouts follow them', async () => {
    const { value } = await simulate(async () => {
      const from = new ParkingLot();
      const to = new ParkingLot();
      const log: string[] = [];
      const threads = await parkers(from, ['a', 'b', 'c'], log, 5);
      expect(from.repark(to, 2)).toBe(2);
      expect([from.size, to.size]).toEqual([1, 2]);
      expect(from.unparkOne('first')?.name).toBe('c');
      await sleep(6);
      expect(to.size).toBe(0);
      for (const thread of threads) await thread.join();
      return log;
    });
    expect(value).toEqual(['c:first', 'a:timeout', 'b:timeout']);
  });
});
