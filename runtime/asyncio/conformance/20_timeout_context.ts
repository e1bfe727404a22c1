import { getRunningLoop, sleep, timeout, TimeoutError, type Timeout } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

export async function main(): Promise<void> {
  let cm!: Timeout;
  try {
    cm = timeout(1);
    await cm.run(() => sleep(5));
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('timeout:', err(e), 'expired:', cm.expired(), t());
  }
  cm = timeout(2);
  await cm.run(() => sleep(1));
  print('in time, expired:', cm.expired(), t());
  try {
    await timeout(null).run(async (c) => {
      c.reschedule(getRunningLoop().time() + 0.5);
      await sleep(1);
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('rescheduled timeout', t());
  }
  try {
    await timeout(1).run(async () => {
      try {
        await sleep(5);
      } finally {
        print('inner finally', t());
      }
    });
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('outer caught TimeoutError', t());
  }
}
