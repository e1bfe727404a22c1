import { getRunningLoop, sleep } from '#runtime/asyncio';
import { print, t } from './twin.ts';

export async function main(): Promise<void> {
  const loop = getRunningLoop();
  loop.callLater(0.2, print, 'later 0.2', 'x');
  const h = loop.callLater(0.1, print, 'later 0.1 (cancelled)');
  loop.callLater(0.1, () => print('later 0.1', t()));
  loop.callSoon(print, 'soon 1');
  loop.callSoon(print, 'soon 2');
  h.cancel();
  print('handle cancelled():', h.cancelled());
  print('main before sleep(0)');
  await sleep(0);
  print('main after sleep(0)');
  await sleep(0.5);
  print('end', t());
}
