// Twin of 04_pipe.py, plus what happens after the child closed its end and on a one-way pipe. CPython's
// parent keeps a copy of child_conn and must close it; here that end moved to the child with start(), and
// closing it in the parent (CPython's idiom) closes nothing the child needs.
import * as mp from '#runtime/multiprocessing';

export function f(conn: mp.Connection): void {
  const urls = [
    'https://jsonplaceholder.typicode.com/posts',
    'https://jsonplaceholder.typicode.com/comments',
    'https://jsonplaceholder.typicode.com/photos',
    'https://jsonplaceholder.typicode.com/todos',
    'https://jsonplaceholder.typicode.com/albums',
  ];
  conn.send(urls);
  conn.close();
}

const pyList = (items: string[]): string => `[${items.map((s) => `'${s}'`).join(', ')}]`;

if (mp.currentProcess().name === 'MainProcess') {
  const [parentConn, childConn] = mp.Pipe();
  const p = new mp.Process({ target: f, args: [childConn] });
  p.start();
  childConn.close(); // the parent's copy, as in CPython: the child's end stays open
  console.log(pyList((await parentConn.recv()) as string[]));
  await p.join();
  try {
    await parentConn.recv();
  } catch (error) {
    if (error instanceof mp.EOFError) console.log('EOFError');
  }
  const [a, b] = mp.Pipe(false);
  const py = (flag: boolean): string => (flag ? 'True' : 'False');
  console.log('readable', py(a.readable), py(b.readable), 'writable', py(a.writable), py(b.writable));
  try {
    a.send(1);
  } catch (error) {
    if (error instanceof mp.OSError) console.log('OSError:', error.message);
  }
  try {
    await b.recv();
  } catch (error) {
    if (error instanceof mp.OSError) console.log('OSError:', error.message);
  }
  const [reader, writer] = mp.Pipe(false);
  const q = new mp.Process({ target: f, args: [writer] });
  q.start();
  writer.close();
  console.log((await reader.recv() as string[]).length, 'urls through a one-way pipe');
  await q.join();
  console.log('exitcode', q.exitcode);
}
