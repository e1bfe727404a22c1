import { createTask, gather, sleep, RuntimeError } from '#runtime/asyncio';
import { err, print, t } from './twin.ts';

async function sibling(): Promise<string> {
  print('sibling: start');
  await sleep(2);
  print('sibling: finished at', t());
  return 'sibling';
}

async function failing(): Promise<never> {
  await sleep(1);
  throw new RuntimeError('failing');
}

export async function main(): Promise<void> {
  const s = createTask(() => sibling());
  try {
    await gather(s, () => failing());
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    print('main:', err(e), t(), 'sibling done:', s.done());
  }
  print('main: sibling returned', await s, t());
}
