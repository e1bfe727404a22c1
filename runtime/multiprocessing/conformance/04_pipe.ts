// Twin of 04_pipe.py, plus what happens after the child closed its end and on a one-way pipe. CPython's
// parent keeps a copy of child_conn and must close it; here that end moved to the child with start().
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
  console.log(pyList((await parentConn.recv()) as string[]));
  await p.join();
  try {
    await parentConn.recv();
  } catch (error) {
    if (error instanceof mp.EOFError) console.log('EOFError');
  }
  const [a, b] = mp.Pipe(false);
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
}
