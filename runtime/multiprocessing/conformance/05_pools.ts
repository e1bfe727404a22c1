// Twin of 05_pools.py: the course's ThreadPool example (with a simulated network) and Pool's basics.
import * as mp from '#runtime/multiprocessing';
import { sleep } from '#runtime/time';

// The shortest is long enough that every "downloading" line is out before the first result, even when a
// loaded machine starts the pool's threads late; the gaps keep the completion order.
const LATENCY: Record<string, number> = { posts: 0.7, comments: 0.85, photos: 1.0, todos: 0.55, albums: 0.4 };

export async function downloadUrl(url: string): Promise<string> {
  console.log('downloading: ', url);
  await sleep(LATENCY[url.slice(url.lastIndexOf('/') + 1)] ?? 1);
  return url;
}

export function square(x: number): number {
  return x * x;
}

export function pow(x: number, y: number): number {
  return x ** y;
}

export function failOn3(x: number): number {
  if (x === 3) throw new mp.ValueError(`bad ${x}`);
  return x;
}

const urls = [
  'https://jsonplaceholder.typicode.com/posts',
  'https://jsonplaceholder.typicode.com/comments',
  'https://jsonplaceholder.typicode.com/photos',
  'https://jsonplaceholder.typicode.com/todos',
  'https://jsonplaceholder.typicode.com/albums',
];

const pyList = (items: number[]): string => `[${items.join(', ')}]`;

if (mp.currentProcess().name === 'MainProcess') {
  const results = new mp.ThreadPool(6).imapUnordered(downloadUrl, urls);
  for await (const r of results) console.log(r);
  {
    await using pool = new mp.Pool(2);
    console.log(pyList(await pool.map(square, Array.from({ length: 10 }, (_, i) => i))));
    console.log(pyList(await pool.starmap<number>(pow, [[2, 3], [3, 2]])));
    const imapped: number[] = [];
    for await (const r of pool.imap(square, [3, 1, 2])) imapped.push(r);
    console.log(pyList(imapped));
    try {
      await pool.map(failOn3, [0, 1, 2, 3, 4]);
    } catch (error) {
      if (error instanceof mp.ValueError) console.log('ValueError:', error.message);
    }
    console.log(await pool.apply(square, [7]));
  }
}
