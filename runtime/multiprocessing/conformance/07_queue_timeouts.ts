// Twin of 07_queue_timeouts.py.
import * as mp from '#runtime/multiprocessing';
import { sleep, monotonic } from '#runtime/time';

async function attempt(label: string, call: () => Promise<unknown>): Promise<void> {
  try {
    const value = await call();
    console.log(label, '->', value === undefined ? 'None' : value);
  } catch (e) {
    if (e instanceof mp.Empty || e instanceof mp.Full) console.log(label, '->', e.name);
    else if (e instanceof mp.ValueError) console.log(label, '->', e.name, e.message.split(' <')[0]);
    else throw e;
  }
}

if (mp.currentProcess().name === 'MainProcess') {
  const q = new mp.Queue<string>();
  await attempt('get(True, -1) on an empty queue', () => q.get(true, -1));
  await attempt('put(x, True, -1) with room', () => q.put('a', true, -1));
  await sleep(0.1);
  await attempt('get(True, -1) with an item', () => q.get(true, -1));
  await attempt('get(False) on an empty queue', () => q.get(false));
  const t0 = monotonic();
  await attempt('get(timeout=0.2) on an empty queue', () => q.get(true, 0.2));
  const waited = monotonic() - t0;
  console.log('waited about 0.2 s:', waited > 0.15 && waited < 1.0 ? 'True' : 'False');
  const full = new mp.Queue<number>(1);
  await full.put(1);
  await attempt('put(x, True, -1) on a full queue', () => full.put(2, true, -1));
  await attempt('put(x, False) on a full queue', () => full.put(2, false));
  q.close();
  await attempt('put on a closed queue', () => q.put('b'));
  await attempt('get on a closed queue', () => q.get());
}
