import { createTask, sleep, wait, FIRST_COMPLETED, FIRST_EXCEPTION, ValueError, type Task, type ReturnWhen } from '#runtime/asyncio';
import { KeyError, err, print, sorted, t } from './twin.ts';

async function get(n: number): Promise<number> {
  await sleep(n);
  return n;
}

async function fail(n: number): Promise<never> {
  await sleep(n);
  throw new KeyError('k');
}

function names(tasks: Set<Task<unknown>>): string[] {
  return sorted([...tasks].map((x) => x.getName()));
}

export async function main(): Promise<void> {
  const [a, b, c] = [3, 1, 2].map((n) => createTask(() => get(n), { name: `get${n}` })) as [Task<number>, Task<number>, Task<number>];
  let r = await wait<Task<unknown>>(new Set([a, b, c]), { timeout: 0.5, returnWhen: FIRST_COMPLETED });
  print('FIRST_COMPLETED timeout 0.5:', names(r.done), names(r.pending), t());
  r = await wait<Task<unknown>>(new Set([a, b, c]), { returnWhen: FIRST_COMPLETED });
  print('FIRST_COMPLETED:', names(r.done), names(r.pending), t());
  const f = createTask(() => fail(0.5), { name: 'fail' });
  r = await wait<Task<unknown>>(new Set([a, c, f]), { returnWhen: FIRST_EXCEPTION });
  print('FIRST_EXCEPTION:', names(r.done), names(r.pending), err(f.exception()), t());
  r = await wait<Task<unknown>>(new Set([a, c]), { timeout: 0.2, returnWhen: FIRST_EXCEPTION });
  print('FIRST_EXCEPTION timeout 0.2:', names(r.done), names(r.pending), t());
  r = await wait<Task<unknown>>(new Set([a, b, c, f]), { timeout: 0.5 });
  print('ALL_COMPLETED timeout 0.5:', names(r.done), names(r.pending), t(), 'a cancelled:', a.cancelled());
  r = await wait<Task<unknown>>(new Set([a, b, c, f]));
  print('ALL_COMPLETED:', names(r.done), names(r.pending), t());
  const x = createTask(() => get(1), { name: 'x' });
  r = await wait<Task<unknown>>([x], { returnWhen: FIRST_EXCEPTION });
  print('FIRST_EXCEPTION none failed:', names(r.done), names(r.pending), t());
  for (const bad of [[], 'nope'] as const) {
    try {
      if (Array.isArray(bad)) await wait(bad);
      else await wait(new Set([x]), { returnWhen: bad as unknown as ReturnWhen });
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      print(err(e));
    }
  }
}
