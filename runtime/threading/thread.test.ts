// threading.Thread and the module functions, checked against CPython 3.11's behaviour and messages.
import { describe, expect, test } from 'vitest';
import {
  Thread,
  activeCount,
  currentThread,
  enumerate,
  getIdent,
  mainThread,
  local,
  RuntimeError,
} from '#runtime/threading';
import { simulate } from '#runtime/testing';
import { currentScheduler } from '../core/index.ts';

const sleep = (seconds: number): Promise<void> => currentScheduler().sleep(seconds);

describe('Thread', () => {
  test('default names follow CPython 3.11: Thread-N (target), <lambda> for inline functions', async () => {
    const { value } = await simulate(() => {
      function worker(): void {}
      class Sub extends Thread {}
      return [
        new Thread({ target: worker }).name,
        new Sub().name,
        new Thread({ target: () => {} }).name,
        new Thread().name,
        new Thread({ name: 'Servicio' }).name,
        mainThread().name,
      ];
    });
    expect(value).toEqual(['Thread-1 (worker)', 'Thread-2', 'Thread-3 (<lambda>)', 'Thread-4', 'Servicio', 'MainThread']);
  });

  test('target receives args, then kwargs as one last object', async () => {
    const { value } = await simulate(async () => {
      const got: unknown[] = [];
      const t = new Thread({ target: (...a: unknown[]) => got.push(a), args: [1, 'x'], kwargs: { flag: true } });
      t.start();
      await t.join();
      return got;
    });
    expect(value).toEqual([[1, 'x', { flag: true }]]);
  });

  test('a started thread runs when the starter next awaits, in its own identity', async () => {
    const { output } = await simulate(async () => {
      const t = new Thread({ name: 'W', target: () => console.log('in', currentThread().name) });
      t.start();
      console.log('main continues');
      await t.join();
    });
    expect(output).toEqual(['main continues', 'in W']);
  });

  test('join(timeout) returns after the timeout with the thread still alive', async () => {
    const { value, elapsed } = await simulate(async () => {
      const t = new Thread({ target: () => sleep(10) });
      t.start();
      await t.join(2.5);
      const midway = [currentScheduler().now(), t.isAlive()];
      await t.join();
      return [...midway, t.isAlive()];
    });
    expect(value).toEqual([2.5, true, false]);
    expect(elapsed).toBe(10);
  });

  test('CPython error messages for misuse', async () => {
    await simulate(async () => {
      const t = new Thread({ target: () => {} });
      await expect(t.join()).rejects.toThrow(new RuntimeError('cannot join thread before it is started'));
      t.start();
      expect(() => t.start()).toThrow('threads can only be started once');
      expect(() => { t.daemon = true; }).toThrow('cannot set daemon status of active thread');
      await expect(currentThread().join()).rejects.toThrow('cannot join current thread');
      await t.join();
    });
  });

  test('an error in a thread is printed like CPython and does not stop the program', async () => {
    const { output } = await simulate(async () => {
      const bad = new Thread({ name: 'bad', target: 5 as unknown as () => void });
      const boom = new Thread({ name: 'boom', target: () => { throw new Error('kaput'); } });
      bad.start();
      boom.start();
      await bad.join();
      await boom.join();
      console.log('still running');
    });
    expect(output[0]).toBe('Exception in thread bad:');
    expect(output[1]).toBe("TypeError: 'int' object is not callable");
    expect(output).toContain('Exception in thread boom:');
    expect(output).toContain('Error: kaput');
    expect(output.at(-1)).toBe('still running');
  });

  test('passing the result of calling an async function explains the fix', async () => {
    const { output } = await simulate(async () => {
      const worker = async (i: number): Promise<number> => i;
      const t = new Thread({ target: worker(1) as unknown as () => void });
      t.start();
      await t.join();
    });
    expect(output[1]).toMatch(/'coroutine' object is not callable.*target: worker, args: \[i\]/);
  });

  test('daemon is inherited from the creating thread; deprecated aliases work', async () => {
    await simulate(async () => {
      const parent = new Thread({
        daemon: true,
        target: () => {
          const child = new Thread();
          expect(child.daemon).toBe(true);
          expect(child.isDaemon()).toBe(true);
        },
      });
      parent.start();
      await parent.join();
      const t = new Thread();
      expect(t.daemon).toBe(false);
      t.setDaemon(true);
      t.setName('renamed');
      expect([t.getName(), t.isDaemon()]).toEqual(['renamed', true]);
    });
  });

  test('enumerate, activeCount, mainThread, getIdent and ident', async () => {
    await simulate(async () => {
      const threads = [1, 2, 3].map((n) => new Thread({ name: `T${n}`, target: () => sleep(n) }));
      expect(threads[0]!.ident).toBeNull();
      threads.forEach((t) => t.start());
      expect(enumerate().map((t) => t.name)).toEqual(['MainThread', 'T1', 'T2', 'T3']);
      expect(activeCount()).toBe(4);
      expect(enumerate()[0]).toBe(mainThread());
      const idents = new Set(threads.map((t) => t.ident));
      expect(idents.size).toBe(3);
      expect(getIdent()).toBe(mainThread().ident);
      await threads[0]!.join();
      expect(activeCount()).toBe(3);
      for (const t of threads) await t.join();
      expect(String(mainThread())).toMatch(/^<_MainThread\(MainThread, started \d+\)>$/);
      expect(String(threads[0])).toMatch(/^<Thread\(T1, stopped \d+\)>$/);
    });
  });

  test('a subclass overriding run() keeps its own state per instance', async () => {
    const { output } = await simulate(async () => {
      class Counter extends Thread {
        count = 0;
        override async run(): Promise<void> {
          for (let i = 0; i < 3; i++) {
            this.count++;
            await sleep(0);
          }
          console.log(this.name, this.count);
        }
      }
      const a = new Counter();
      const b = new Counter();
      a.start();
      b.start();
      await a.join();
      await b.join();
    });
    expect(output).toEqual(['Thread-1 3', 'Thread-2 3']);
  });

  test('threading.local gives each thread its own attributes', async () => {
    const { value } = await simulate(async () => {
      const data = new local();
      data['x'] = 'main';
      const seen: unknown[] = [];
      const t = new Thread({ target: () => { seen.push(data['x']); data['x'] = 'worker'; seen.push(data['x']); } });
      t.start();
      await t.join();
      seen.push(data['x']);
      return seen;
    });
    expect(value).toEqual([undefined, 'worker', 'main']);
  });
});
