// The scheduler's features, each observed through the public runtime: virtual time, external work, strategies,
// replay, deadlock and missing-join reports, daemons, runaway protection.
import { describe, expect, test } from 'vitest';
import { Condition, Lock, Thread, Event } from '#runtime/threading';
import { explore, replay, simulate } from '#runtime/testing';
import { run as asyncioRun, sleep as asyncioSleep } from '#runtime/asyncio';
import { currentScheduler } from './index.ts';
import { DeadlockError } from './errors.ts';
import { Scheduler } from './scheduler.ts';

const sleep = (seconds: number): Promise<void> => currentScheduler().sleep(seconds);

function startAll(threads: Thread[]): Thread[] {
  for (const t of threads) t.start();
  return threads;
}

async function joinAll(threads: Thread[]): Promise<void> {
  for (const t of threads) await t.join();
}

/** Two threads doing read-yield-write on a shared counter: the classic lost update. */
function racyCounter(): () => Promise<number> {
  return async () => {
    let counter = 0;
    const increment = async (): Promise<void> => {
      const read = counter;
      await sleep(0);
      counter = read + 1;
    };
    await joinAll(startAll([new Thread({ target: increment }), new Thread({ target: increment })]));
    if (counter !== 2) throw new Error(`lost update: counter is ${counter}, expected 2`);
    return counter;
  };
}

describe('virtual clock', () => {
  test('overlapping sleeps take the longest, not the sum', async () => {
    const { elapsed } = await simulate(async () => {
      await joinAll(startAll([1, 2, 0.5].map((s) => new Thread({ target: () => sleep(s) }))));
    });
    expect(elapsed).toBe(2);
  });

  test('an hour of virtual sleep costs no real hour', async () => {
    const { elapsed } = await simulate(() => sleep(3600));
    expect(elapsed).toBe(3600);
  });

  test('10,000 threads sleeping 2 s finish at t = 2', async () => {
    const { elapsed } = await simulate(async () => {
      const threads = Array.from({ length: 10_000 }, () => new Thread({ target: () => sleep(2) }));
      await joinAll(startAll(threads));
    });
    expect(elapsed).toBe(2);
  });

  test('the clock does not jump while a thread awaits work the runtime does not control', async () => {
    const seen: number[] = [];
    await simulate(async () => {
      const t = new Thread({
        target: async () => {
          await new Promise((resolve) => setTimeout(resolve, 30)); // real I/O stand-in
          seen.push(currentScheduler().now());
        },
      });
      t.start();
      await sleep(5); // would jump straight to 5 if the scheduler ignored the native await
      seen.push(currentScheduler().now());
      await t.join();
    });
    expect(seen).toEqual([0, 5]);
  });

  test('awaitExternal keeps other threads running and the clock still', async () => {
    const order: string[] = [];
    await simulate(async () => {
      const other = new Thread({ target: async () => { order.push('other runs'); await sleep(1); order.push('other at 1'); } });
      other.start();
      const value = await currentScheduler().awaitExternal(new Promise((r) => setTimeout(() => r('io'), 20)), 'io');
      order.push(`main got ${String(value)} at ${currentScheduler().now()}`);
      await other.join();
    });
    expect(order).toEqual(['other runs', 'main got io at 0', 'other at 1']);
  });

  test('a busy-wait loop on sleep(0) still sees time pass', async () => {
    const { elapsed } = await simulate(async () => {
      const done = { flag: false };
      const t = new Thread({ target: async () => { await sleep(1); done.flag = true; } });
      t.start();
      while (!done.flag) await sleep(0);
      await t.join();
    });
    expect(elapsed).toBe(1);
  });

  test('a lone busy-wait on sleep(0) with no timer still sees time pass (and never starves Node)', async () => {
    const { elapsed, value } = await simulate(async () => {
      const end = currentScheduler().now() + 1;
      let spins = 0;
      while (currentScheduler().now() < end) {
        spins++;
        await sleep(0);
      }
      return spins;
    });
    expect(elapsed).toBeCloseTo(1, 6);
    expect(value).toBeGreaterThan(1000);
  });

  test('a runaway program is stopped at maxTime with the threads still alive', async () => {
    const forever = async (): Promise<void> => {
      const t = new Thread({ name: 'spinner', target: async () => { for (;;) await sleep(1); } });
      t.start();
    };
    await expect(simulate(forever, { maxTime: 100 })).rejects.toThrow(/passed 100 virtual seconds.*spinner/);
  });
});

describe('due timers join the ready queue at each round', () => {
  /** Threads that log `name i` and yield, `rounds` times each. */
  const spinners = (names: string[], rounds: number, log: string[]): Thread[] =>
    names.map((name) => new Thread({ name, target: async () => {
      for (let i = 0; i < rounds; i++) {
        log.push(`${name}${i}`);
        await sleep(0);
      }
    } }));

  test('a thread whose timed wait is due runs after the fibers ready when the round began, not after a spin limit', async () => {
    const { value, elapsed } = await simulate(async () => {
      const log: string[] = [];
      const cond = new Condition();
      const waiter = new Thread({ name: 'W', target: async () => {
        await cond.acquire();
        log.push('W waits');
        await cond.wait(0);
        log.push('W back');
        cond.release();
      } });
      await joinAll(startAll([...spinners(['A', 'B'], 3, log), waiter]));
      return log.join(' ');
    });
    // W's wait(0) is due at once: it joins the next round, behind A and B (before the rule: after them all).
    expect(value).toBe('A0 B0 W waits A1 B1 W back A2 B2');
    expect(elapsed).toBe(0);
  });

  test('a raw timer callback due now runs at the start of the next round, even for a lone spinner', async () => {
    const { value, elapsed } = await simulate(async () => {
      const log: string[] = [];
      currentScheduler().callLater(0, () => log.push('timer'));
      for (let i = 0; i < 3; i++) {
        log.push(`yield ${i}`);
        await sleep(0);
      }
      return log.join(', ');
    });
    expect(value).toBe('yield 0, timer, yield 1, yield 2');
    expect(elapsed).toBe(0);
  });

  test('a zero timeout wait returns while another thread spins, with no clock jump', async () => {
    const { value, elapsed } = await simulate(async () => {
      const cond = new Condition();
      let stop = false;
      let spins = 0;
      const spinner = new Thread({ target: async () => {
        while (!stop) {
          spins++;
          await sleep(0);
        }
      } });
      spinner.start();
      await cond.acquire();
      const notified = await cond.wait(0);
      cond.release();
      stop = true;
      await spinner.join();
      return { notified, spins };
    });
    expect(value.notified).toBe(false);
    expect(value.spins).toBeLessThan(5);
    expect(elapsed).toBe(0);
  });

  test('under a random strategy a due timer still runs within a round, and the run replays', async () => {
    const program = async (): Promise<number> => {
      const log: string[] = [];
      const threads = startAll(spinners(['A', 'B', 'C'], 20, log));
      await sleep(0);
      currentScheduler().callLater(0, () => log.push('timer'));
      await joinAll(threads);
      return log.indexOf('timer');
    };
    for (let seed = 0; seed < 10; seed++) {
      const run = await simulate(program, { seed });
      expect(run.value).toBeGreaterThan(0);
      expect(run.value).toBeLessThan(12);
      expect((await replay(program, run.schedule)).value).toBe(run.value);
    }
  });
});

describe('strategies and replay', () => {
  test('FIFO is deterministic: the same program always gives the same trace', async () => {
    const a = await simulate(racyCounter()).catch((e: { simulation: { trace: unknown } }) => e.simulation.trace);
    const b = await simulate(racyCounter()).catch((e: { simulation: { trace: unknown } }) => e.simulation.trace);
    expect(a).toEqual(b);
  });

  test('a seeded random run records its choices and replays them exactly', async () => {
    const program = async (): Promise<string[]> => {
      const order: string[] = [];
      const threads = ['A', 'B', 'C'].map(
        (name) => new Thread({ name, target: async () => { for (let i = 0; i < 3; i++) { order.push(name); await sleep(0); } } }),
      );
      await joinAll(startAll(threads));
      return order;
    };
    const first = await simulate(program, { seed: 7 });
    expect(first.schedule.strategy).toBe('random');
    expect(first.schedule.choices).not.toBe('');
    const again = await replay(program, first.schedule);
    expect(again.value).toEqual(first.value);
    const seeds = new Set<string>();
    for (let seed = 0; seed < 20; seed++) seeds.add((await simulate(program, { seed })).value.join(''));
    expect(seeds.size).toBeGreaterThan(1);
  });

  test('PCT finds the lost update and the failing schedule replays', async () => {
    const failure = await explore(racyCounter(), { runs: 50, strategy: 'pct' });
    expect(failure).not.toBeNull();
    expect(String(failure!.error)).toMatch(/lost update: counter is 1/);
    expect(failure!.replays).toBe(true);
    expect(failure!.message).toMatch(/Replay: strategy pct, seed \d+, schedule "[\d.]+"/);
    expect(failure!.interleaving).toMatch(/MainThread.*Thread-1 \(increment\)|Thread-2 \(increment\)/);
    await expect(replay(racyCounter(), failure!.schedule)).rejects.toThrow(/lost update/);
  });

  test('random exploration finds it too', async () => {
    const failure = await explore(racyCounter(), { runs: 50, strategy: 'random' });
    expect(failure?.run).toBeDefined();
  });

  test('a correct program survives exploration', async () => {
    const safe = async (): Promise<void> => {
      let counter = 0;
      const lock = new Lock();
      const increment = async (): Promise<void> => {
        await lock.acquire();
        try {
          const read = counter;
          await sleep(0);
          counter = read + 1;
        } finally {
          lock.release();
        }
      };
      await joinAll(startAll([1, 2, 3].map(() => new Thread({ target: increment }))));
      if (counter !== 3) throw new Error(`lost update ${counter}`);
    };
    expect(await explore(safe, { runs: 100 })).toBeNull();
  });

  test('a schedule that no longer fits the program says the replay diverged', async () => {
    const program = async (): Promise<void> => {
      await joinAll(startAll([new Thread({ target: () => sleep(0) }), new Thread({ target: () => sleep(0) })]));
    };
    await expect(simulate(program, { schedule: '99' })).rejects.toThrow(/replay diverged/);
  });

  test('bad schedule strings are refused with the expected format', async () => {
    await expect(async () => simulate(async () => {}, { schedule: 'a.b' })).rejects.toThrow(/invalid schedule string/);
  });
});

describe('deadlocks and exits', () => {
  const lockOrder = async (): Promise<void> => {
    const a = new Lock();
    const b = new Lock();
    const t1 = new Thread({ name: 'T1', target: async () => { await a.acquire(); await sleep(0.1); await b.acquire(); } });
    const t2 = new Thread({ name: 'T2', target: async () => { await b.acquire(); await sleep(0.1); await a.acquire(); } });
    await joinAll(startAll([t1, t2]));
  };

  test('a lock-order deadlock is reported with calls, lines, holders and the cycle', async () => {
    const error = await simulate(lockOrder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlockError);
    const { report } = error as DeadlockError;
    expect(report.kind).toBe('deadlock');
    expect(report.cycle).toEqual(['T1', 'T2', 'T1']);
    const t1 = report.threads.find((t) => t.name === 'T1')!;
    expect(t1).toMatchObject({ what: 'Lock.acquire()', holder: 'T2' });
    expect(t1.site).toMatch(/runtime\/core\/scheduler\.test\.ts:\d+:\d+/);
    expect(report.text).toMatch(/MainThread waits in Thread\.join\(\) on T1/);
  });

  test('exploration finds a sleep-less lock-order deadlock', async () => {
    const noSleep = async (): Promise<void> => {
      const a = new Lock();
      const b = new Lock();
      const grab = (x: Lock, y: Lock) => async () => { await x.acquire(); await y.acquire(); y.release(); x.release(); };
      await joinAll(startAll([new Thread({ target: grab(a, b) }), new Thread({ target: grab(b, a) })]));
    };
    expect(await simulate(noSleep)).toBeDefined(); // FIFO happens to dodge it
    const failure = await explore(noSleep, { runs: 100, strategy: 'random' });
    expect(failure?.error).toBeInstanceOf(DeadlockError);
  });

  test('asyncio tasks in a report are named as tasks of their thread', async () => {
    const asyncio = await import('#runtime/asyncio');
    const error = await simulate(() =>
      asyncio.run(async () => {
        const never = new asyncio.Event();
        await asyncio.createTask(() => never.wait(), { name: 'waiter' });
      }),
    ).catch((e: unknown) => e);
    expect((error as DeadlockError).report.text).toMatch(/held by waiter \(task in MainThread\)/);
    expect((error as DeadlockError).report.text).toMatch(/waiter \(task in MainThread\) waits in Event\.wait\(\)/);
  });

  test('main finishing while a non-daemon thread is blocked forever is a missing-join report', async () => {
    const error = await simulate(async () => {
      const never = new Event();
      new Thread({ name: 'waiter', target: () => never.wait() }).start();
    }).catch((e: unknown) => e);
    expect((error as DeadlockError).report.kind).toBe('missing-join');
    expect((error as DeadlockError).report.text).toMatch(/waiter waits in Event\.wait\(\)/);
  });

  test('the program waits for non-daemon threads and abandons daemons', async () => {
    const result = await simulate(async () => {
      new Thread({ name: 'daemon', daemon: true, target: async () => { for (;;) await sleep(0.1); } }).start();
      new Thread({ name: 'worker', target: () => sleep(3) }).start();
      return 'main done';
    });
    expect(result.value).toBe('main done');
    expect(result.elapsed).toBe(3);
    expect(result.unjoined).toEqual(['worker']);
    expect(result.abandoned).toEqual(['daemon']);
  });

  test('an error in the main thread fails the simulation after the other threads end', async () => {
    const ended: string[] = [];
    await expect(
      simulate(async () => {
        new Thread({ target: async () => { await sleep(1); ended.push('worker'); } }).start();
        throw new Error('main failed');
      }),
    ).rejects.toThrow('main failed');
    expect(ended).toEqual(['worker']);
  });

  test('the failure carries its schedule, trace and output', async () => {
    const error = await simulate(async () => { console.log('before'); throw new Error('x'); }).catch((e: unknown) => e);
    const sim = (error as { simulation: { output: string[]; trace: unknown[]; schedule: { strategy: string } } }).simulation;
    expect(sim.output).toEqual(['before']);
    expect(sim.trace.length).toBeGreaterThan(0);
    expect(sim.schedule.strategy).toBe('fifo');
  });
});

describe('one wait at a time', () => {
  const concurrentWaits = /MainThread is already waiting \(in time\.sleep\(\)\) and cannot also wait in .*one thing at a time/;

  test('Promise.all over two sleeps in one thread is refused with an explanation, alone or not', async () => {
    await expect(simulate(() => Promise.all([sleep(1), sleep(2)]))).rejects.toThrow(concurrentWaits);
    await expect(
      simulate(async () => {
        new Thread({ target: () => sleep(5) }).start();
        await Promise.all([sleep(1), sleep(2)]);
      }),
    ).rejects.toThrow(concurrentWaits);
  });

  test('a thread that ends while its refused wait is pending does not disturb the others', async () => {
    const { elapsed, output } = await simulate(async () => {
      const a = new Thread({ target: () => Promise.all([sleep(2)]) });
      const b = new Thread({ name: 'b', target: () => Promise.all([sleep(2), sleep(2)]) });
      a.start();
      b.start();
      await a.join();
      await b.join();
    });
    expect(elapsed).toBe(2);
    expect(output[0]).toBe('Exception in thread b:');
  });

  test('joining two threads with Promise.all is refused; joining them in turn works', async () => {
    const error = await simulate(async () => {
      const threads = [new Thread({ target: () => sleep(1) }), new Thread({ target: () => sleep(2) })];
      threads.forEach((t) => t.start());
      await Promise.all(threads.map((t) => t.join()));
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/already waiting \(in Thread\.join\(\) on Thread-1.*cannot also wait in Thread\.join\(\) on Thread-2/);
    expect(String(error)).toMatch(/join them one after another/);
    expect(String(error)).not.toMatch(/gather|createTask/); // asyncio advice means nothing to a thread
  });

  test("asyncio's sleep is named as asyncio.sleep(), not time.sleep(), and a task gets asyncio's advice", async () => {
    const error = await simulate(() => asyncioRun(async () => {
      await Promise.all([asyncioSleep(1), asyncioSleep(2)]);
    })).catch((e: unknown) => e);
    expect(String(error)).toMatch(/Task-\d+ is already waiting \(in asyncio\.sleep\(\)\) and cannot also wait in asyncio\.sleep\(\)/);
    expect(String(error)).toMatch(/gather\(\(\) => f\(\), \(\) => g\(\)\)/);
  });

  test("target: worker(i): the creating thread's next wait names the called target, not a bare conflict", async () => {
    const worker = async (i: number): Promise<void> => {
      await sleep(i);
    };
    const error = await simulate(async () => {
      const thread = new Thread({ target: worker(1) as never });
      thread.start();
      await thread.join();
    }).catch((e: unknown) => e);
    expect(String(error)).toMatch(
      /MainThread cannot wait in Thread\.join\(\) on Thread-\d+: it is still inside the call whose Promise became Thread-\d+'s target \(.*scheduler\.test\.ts:\d+:\d+\)/);
    expect(String(error)).toMatch(/now waiting in time\.sleep\(\).*new Thread\(\{ target: worker, args: \[i\] \}\)/);
  });

  test('a called target whose call fails is the thread\'s error, never an unhandled rejection', async () => {
    const failing = async (): Promise<void> => {
      throw new Error('boom');
    };
    const run = await simulate(async () => {
      const thread = new Thread({ name: 'T', target: failing() as never });
      thread.start();
      await thread.join();
    });
    expect(run.output[0]).toBe('Exception in thread T:');
    expect(run.output.join('\n')).toMatch(/TypeError: 'coroutine' object is not callable \(target got the result of calling the function/);
  });
});

describe('the scheduler used directly', () => {
  test('a real clock sleeps for real and reports idle when done', async () => {
    const scheduler = new Scheduler({ clock: 'real' });
    const started = performance.now();
    await new Promise<void>((resolve) => {
      scheduler.onIdle = () => resolve();
      scheduler.spawn(() => scheduler.sleep(0.05), { name: 'MainThread', kind: 'main' });
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(scheduler.now()).toBeGreaterThanOrEqual(0.045);
  });

  test('sleep refuses negative and non-numeric durations as Python does', async () => {
    await simulate(async () => {
      await expect(sleep(-1)).rejects.toThrow('sleep length must be non-negative');
      await expect(sleep('a' as unknown as number)).rejects.toThrow(TypeError);
    });
  });
});
