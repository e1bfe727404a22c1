import { sleep, waitFor, TimeoutError } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function slow(): Promise<string> {
  try {
    print('slow: start');
    await sleep(5);
    return 'never';
  } finally {
    print('slow: cleanup begins', t());
    await sleep(0.5);
    print('slow: cleanup ends', t());
  }
}

export async function main(): Promise<void> {
  try {
    await waitFor(() => slow(), 1);
  } catch (e) {
    if (!(e instanceof TimeoutError)) throw e;
    print('main:', err(e), 'is asyncio.TimeoutError:', e instanceof TimeoutError, t());
  }
  let value = await waitFor(() => sleep(0.5, 'quick'), 1);
  print('main: got', value, t());
  value = await waitFor(() => sleep(0.5, 'unbounded'), null);
  print('main: got', value, t());
}
