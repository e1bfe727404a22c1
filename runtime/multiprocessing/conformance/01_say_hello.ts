// Twin of 01_say_hello.py (the course's first multiprocessing example).
import * as mp from '#runtime/multiprocessing';

export function sayHello(name: string): void {
  console.log(`Hello, ${name}!`);
}

if (mp.currentProcess().name === 'MainProcess') {
  const p = new mp.Process({ target: sayHello, args: ['world'] });
  p.start();
  await p.join();
}
