// Behaviour that has no CPython twin: the thunk rule, how cancellation reaches runtime waits of any kind,
// misuse errors, deadlock reports and the real clock.
import { describe, expect, test } from 'vitest';
import { simulate, DeadlockError } from '#runtime/testing';
import { Lock as ThreadLock, Thread } from '#runtime/threading';
import * as asyncio from '#runtime/asyncio';
import { CancelledError, RuntimeError, createTask, gather, run, sleep } from '#runtime/asyncio';

async function factorial(name: string, n: number): Promise<number> {
  await sleep(1);
  return n > 1 ? n * (await factorial(name, n - 1)) : 1;
}

describe('the thunk rule', () => {
  test('gather refuses an already-running promise and shows the thunk form of the same call', async () => {
    const sim = await simulate(() =>
      run(async () => {
        try {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          await gather(() => factorial('B', 1), factorial('A', 2) as any);
        } catch (e) {
          return String(e);
        }
        return 'no error';
      }),
    );
    expect(sim.value).toBe(
      "TypeError: gather() got a Promise that is already running; pass a function instead: gather(() => factorial('A', 2))",
    );
  });

  test('createTask and run refuse promises too; a non-function is not a coroutine', async () => {
    const sim = await simulate(async () => {
      const errors: string[] = [];
      const p = Promise.resolve(1);
      try {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        await run(p as any);
      } catch (e) {
        errors.push(String(e));
      }
      await run(async () => {
        try {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          createTask(42 as any);
        } catch (e) {
          errors.push(String(e));
        }
      });
      return errors;
    });
    expect(sim.value[0]).toMatch(/^TypeError: run\(\) got a Promise that is already running; pass a function instead: run\(\(\) => /);
    expect(sim.value[1]).toBe('TypeError: a coroutine was expected, got 42');
  });
});

describe('cancellation reaches every runtime wait', () => {
  test('a task blocked on a threading Lock gets CancelledError there and leaves the wait queue', async () => {
    const sim = await simulate(() =>
      run(async () => {
        const lock = new ThreadLock();
        await lock.acquire();
        const log: string[] = [];
        const task = createTask(async () => {
          try {
            await lock.acquire();
            log.push('acquired (wrong)');
          } catch (e) {
            log.push(`${(e as Error).name} at ${asyncio.getRunningLoop().time()}`);
            throw e;
          }
        });
        await sleep(1);
        task.cancel();
        await gather(task, { returnExceptions: true });
        lock.release();
        // The cancelled waiter is gone: the lock is free again for anyone.
        log.push(`acquire again: ${await lock.acquire(false)}`);
        return { log, cancelled: task.cancelled() };
      }),
    );
    expect(sim.value).toEqual({ log: ['CancelledError at 1', 'acquire again: true'], cancelled: true });
    expect(sim.elapsed).toBe(1);
  });

  test('a task awaiting a native promise is cancelled at its next runtime await', async () => {
    const sim = await simulate(() =>
      run(async () => {
        const steps: string[] = [];
        const task = createTask(async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          steps.push('native await done');
          await sleep(1);
          steps.push('never');
        });
        await sleep(0);
        task.cancel();
        await gather(task, { returnExceptions: true });
        return { steps, cancelled: task.cancelled() };
      }),
    );
    expect(sim.value).toEqual({ steps: ['native await done'], cancelled: true });
  });

  test('a task cancelled before it starts never runs its body', async () => {
    const sim = await simulate(() =>
      run(async () => {
        let ran = false;
        const task = createTask(async () => {
          ran = true;
        });
        task.cancel('early');
        const [outcome] = await gather(task, { returnExceptions: true });
        return { ran, outcome: String(outcome), cancelled: task.cancelled() };
      }),
    );
    // As CPython: gather() reports a cancelled child as CancelledError('') whatever the message was.
    expect(sim.value).toEqual({ ran: false, outcome: 'CancelledError', cancelled: true });
  });

  test('a task that cancels itself gets CancelledError at its next await', async () => {
    const sim = await simulate(() =>
      run(async () => {
        const task = createTask(async () => {
          asyncio.currentTask()!.cancel();
          await sleep(5);
        });
        await gather(task, { returnExceptions: true });
        return task.cancelled();
      }),
    );
    expect(sim.value).toBe(true);
    expect(sim.elapsed).toBe(0);
  });

  test('Promise.all over two pending tasks is refused with a pointer to gather()', async () => {
    const sim = await simulate(() =>
      run(async () => {
        const a = createTask(() => sleep(1, 'a'));
        const b = createTask(() => sleep(2, 'b'));
        try {
          await Promise.all([a, b]);
          return 'no error';
        } catch (e) {
          return String(e);
        }
      }),
    );
    expect(sim.value).toMatch(/^TypeError: .*Promise\.all\(\)\/race\(\).*gather\(\)/);
  });
});

describe('errors and misuse', () => {
  test('run() raises what main raised and still cancels the leftovers', async () => {
    const sim = await simulate(async () => {
      const log: string[] = [];
      try {
        await run(async () => {
          createTask(async () => {
            try {
              await sleep(100);
            } finally {
              log.push('leftover cleaned');
            }
          });
          await sleep(1);
          throw new asyncio.ValueError('bad main');
        });
      } catch (e) {
        log.push(String(e));
      }
      return log;
    });
    expect(sim.value).toEqual(['leftover cleaned', 'ValueError: bad main']);
  });

  test('run() inside a running loop and getRunningLoop() outside one fail as in Python', async () => {
    const sim = await simulate(async () => {
      const errors: string[] = [];
      try {
        asyncio.getRunningLoop();
      } catch (e) {
        errors.push(String(e));
      }
      await run(async () => {
        try {
          await run(async () => 1);
        } catch (e) {
          errors.push(String(e));
        }
      });
      return errors;
    });
    expect(sim.value).toEqual([
      'RuntimeError: no running event loop',
      'RuntimeError: asyncio.run() cannot be called from a running event loop',
    ]);
  });

  test('awaiting a future nobody completes is reported as a deadlock, not a hang', async () => {
    const outcome = simulate(() =>
      run(async () => {
        const fut = asyncio.getRunningLoop().createFuture<number>();
        await fut;
      }),
    );
    await expect(outcome).rejects.toBeInstanceOf(DeadlockError);
    await expect(outcome).rejects.toThrow(/await Future/);
  });

  test('a deadlock report names the asyncio call each task is stuck in', async () => {
    const outcome = simulate(() =>
      run(async () => {
        const q = new asyncio.Queue<number>();
        const consumer = createTask(() => q.get(), { name: 'consumer' });
        await consumer;
      }),
    );
    await expect(outcome).rejects.toThrow(/await Task 'consumer'[\s\S]*Queue\.get\(\)/);
  });

  test('each thread can run its own loop; the loops share the clock', async () => {
    const sim = await simulate(async () => {
      const results: string[] = [];
      const threads = [1, 2].map(
        (n) =>
          new Thread({
            name: `loop-${n}`,
            target: async () => {
              results.push(await run(async () => {
                await sleep(n);
                return `${asyncio.currentTask()!.getName()} in loop-${n} at ${asyncio.getRunningLoop().time()}`;
              }));
            },
          }),
      );
      for (const t of threads) t.start();
      for (const t of threads) await t.join();
      return results;
    });
    // CPython numbers tasks per program, not per loop: the second loop's main task is Task-2.
    expect(sim.value).toEqual(['Task-1 in loop-1 at 1', 'Task-2 in loop-2 at 2']);
    expect(sim.elapsed).toBe(2);
  });
});

describe('the real clock', () => {
  test('run() works on the real clock too', async () => {
    const started = performance.now();
    const sim = await simulate(
      () => run(async () => (await gather(() => sleep(0.05, 'a'), () => sleep(0.1, 'b'))).join('')),
      { clock: 'real' },
    );
    expect(sim.value).toBe('ab');
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(CancelledError.name).toBe('CancelledError');
    expect(RuntimeError.name).toBe('RuntimeError');
  });
});

describe('errors nobody looked at', () => {
  test("a failed task whose exception is never retrieved is reported when run() ends, as CPython's logger does", async () => {
    const sim = await simulate(() =>
      run(async () => {
        createTask(async () => {
          throw new asyncio.ValueError('lost');
        }, { name: 'forgotten' });
        const seen = createTask(async () => {
          throw new asyncio.ValueError('seen');
        });
        await sleep(1);
        return String(seen.exception());
      }),
    );
    expect(sim.value).toBe('ValueError: seen');
    expect(sim.output[0]).toBe('Task exception was never retrieved');
    expect(sim.output[1]).toBe("future: <Task finished name='forgotten' exception=ValueError('lost')>");
    expect(sim.output.join('\n')).not.toMatch(/seen/);
  });
});

describe('schedule exploration', () => {
  test('explore() finds the order in which a check-then-act race between two tasks goes wrong', async () => {
    // Each task checks the balance, then awaits (a scheduling point), then withdraws: FIFO happens to be
    // safe here (the first task finishes before the second checks), other orders overdraw.
    const program = (): Promise<number> =>
      run(async () => {
        let balance = 100;
        const withdraw = async (amount: number, delay: number): Promise<void> => {
          for (let i = 0; i < delay; i++) await sleep(0);
          if (balance >= amount) {
            await sleep(0);
            balance -= amount;
          }
        };
        await gather(() => withdraw(80, 0), () => withdraw(80, 2));
        if (balance < 0) throw new Error(`overdrawn: ${balance}`);
        return balance;
      });
    const fifo = await simulate(program);
    expect(fifo.value).toBe(20);
    const { explore } = await import('#runtime/testing');
    const failure = await explore(program, { runs: 50, strategy: 'random' });
    expect(failure).not.toBeNull();
    expect(String(failure?.error)).toMatch(/overdrawn: -60/);
  });
});
