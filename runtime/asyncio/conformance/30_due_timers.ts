import { TimeoutError, createTask, gather, getRunningLoop, sleep, timeout, waitFor } from '#runtime/asyncio';
import { print } from './twin.ts';

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  loop.callLater(0, () => print('cb'));
  for (let i = 0; i < 4; i++) {
    print('yield', i);
    await sleep(0);
  }

  const spin = async (name: string): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      print(name, i);
      await sleep(0);
    }
  };
  const a = createTask(() => spin('A'));
  const b = createTask(() => spin('B'));
  await sleep(0);
  loop.callLater(0, () => print('cb2'));
  loop.callSoon(() => print('soon'));
  await gather(a, b);

  try {
    await timeout(0).run(() => sleep(0));
    print('timeout(0): no error');
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('timeout(0): TimeoutError');
  }

  try {
    await timeout(10).run(async (cm) => {
      cm.reschedule(loop.time() - 1);
      await sleep(0);
      print('after sleep');
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('reschedule to the past: TimeoutError');
  }

  loop.callAt(loop.time() - 5, () => print('call_at in the past'));
  print('before');
  await sleep(0);
  print('middle');
  await sleep(0);
  print('end');

  try {
    await waitFor(() => sleep(0), 0);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('wait_for(sleep(0), 0): TimeoutError');
  }

  const fired: number[] = [];
  loop.callLater(0.5, () => fired.push(loop.time()));
  let spins = 0;
  while (fired.length === 0) {
    await sleep(0);
    spins++;
  }
  print('a 0.5 s timer fires while a task spins:', spins > 0);
}
