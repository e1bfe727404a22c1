// A child that dies without closing its end of a Pipe: the parent reads what was sent, then EOFError. (Node 20
// segfaults if a port is read synchronously after its 'close' event; the whole test file would die.)
import { expect, it } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { crashAtOnce, sendThenCrash } from './fixtures/peer-death.ts';

it('recv after the peer process crashed gives its last message, then EOFError, without crashing Node', async () => {
  const [here, there] = mp.Pipe();
  const p = new mp.Process({ target: sendThenCrash, args: [there] });
  p.start();
  await p.join();
  expect(p.exitcode).toBe(1);
  // Let the port's 'close' event arrive first: reading after it is what crashed Node 20.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await here.recv()).toBe('last words');
  await expect(here.recv()).rejects.toBeInstanceOf(mp.EOFError);
  expect(await here.poll(0)).toBe(true);
});

it('recv from a child that crashed before sending raises EOFError', async () => {
  const [here, there] = mp.Pipe();
  const p = new mp.Process({ target: crashAtOnce, args: [there] });
  p.start();
  await p.join();
  await new Promise((resolve) => setTimeout(resolve, 200));
  await expect(here.recv()).rejects.toBeInstanceOf(mp.EOFError);
});
