// Twin of 03_queue.py. The list prints as Python's repr so both outputs compare line by line.
import * as mp from '#runtime/multiprocessing';

export async function f(q: mp.Queue<string[]>): Promise<void> {
  const urls = [
    'https://jsonplaceholder.typicode.com/posts',
    'https://jsonplaceholder.typicode.com/comments',
    'https://jsonplaceholder.typicode.com/photos',
    'https://jsonplaceholder.typicode.com/todos',
    'https://jsonplaceholder.typicode.com/albums',
  ];
  await q.put(urls);
}

const pyList = (items: string[]): string => `[${items.map((s) => `'${s}'`).join(', ')}]`;

if (mp.currentProcess().name === 'MainProcess') {
  const q = new mp.Queue<string[]>();
  const p = new mp.Process({ target: f, args: [q] });
  p.start();
  console.log(pyList(await q.get()));
  await p.join();
  console.log(p.exitcode, q.empty() ? 'True' : 'False');
}
