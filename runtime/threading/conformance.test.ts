// The course's threading examples, written in TypeScript, print exactly what their CPython twin prints.
// conformance/course_examples.py is the twin; conformance/course_examples.expected.txt is what CPython 3.11
// printed (re-record with `python3 course_examples.py > course_examples.expected.txt`). The test reads the
// recording instead of running python3, because real threads under load may print in another order.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { Thread, Timer, activeCount, currentThread, enumerate, mainThread } from '#runtime/threading';
import { simulate } from '#runtime/testing';
import { currentScheduler } from '../core/index.ts';

const sleep = (seconds: number): Promise<void> => currentScheduler().sleep(seconds);

async function courseExamples(): Promise<void> {
  console.log('--- args');
  const worker = (alumno: number): void => console.log(`Alumno ${alumno} adjuntando comprobante....`);
  const threads: Thread[] = [];
  for (let i = 1; i < 4; i++) {
    const t = new Thread({ target: worker, args: [i] });
    threads.push(t);
    t.start();
  }
  for (const t of threads) await t.join();

  console.log('--- seed bug: target=worker(i) runs in MainThread');
  const worker2 = (alumno: number): void => console.log(currentThread().name, 'alumno', alumno);
  for (let i = 0; i < 2; i++) {
    const t = new Thread({ target: worker2(i) as unknown as () => void });
    t.start();
    await t.join();
  }

  console.log('--- names');
  async function w(): Promise<void> {
    console.log(currentThread().name, 'Iniciando...');
    console.log(currentThread().name, 'En pausa...');
    await sleep(0.2);
    console.log(currentThread().name, 'Finalizando...');
  }
  function servicio(): void {
    console.log(currentThread().name, 'Iniciando...');
    console.log(currentThread().name, 'Finalizando...');
  }
  const t = new Thread({ target: servicio, name: 'Servicio' });
  const ww = new Thread({ target: w, name: 'Worker' });
  const z = new Thread({ target: w });
  for (const x of [ww, z, t]) {
    x.start();
    await sleep(0.01);
  }
  for (const x of [ww, z, t]) await x.join();

  console.log('--- subclass');
  class MiHilo extends Thread {
    readonly num: number;
    constructor(num: number) {
      super();
      this.num = num;
    }
    override run(): void {
      console.log('Ejecutando el hilo:', this.num, this.name);
    }
  }
  for (let i = 0; i < 3; i++) {
    const h = new MiHilo(i);
    h.start();
    await h.join();
  }

  console.log('--- daemons and enumerate');
  const contar = (numero: number): Promise<void> => sleep(0.1 * numero);
  for (let numero = 1; numero < 4; numero++) new Thread({ target: contar, args: [numero], daemon: true }).start();
  const main = mainThread();
  for (const hilo of enumerate()) {
    if (hilo === main) continue;
    console.log('Nombre:', hilo.name, 'Demonio:', hilo.daemon ? 'True' : 'False', 'Activo:', activeCount());
    await hilo.join();
  }
  console.log('alive after joins:', activeCount());

  console.log('--- timer');
  const mostrar = (msg: string): void => console.log('timer says', msg);
  const t1 = new Timer(0.3, mostrar, ['hola']);
  const t2 = new Timer(0.1, mostrar, ['never']);
  t1.start();
  t2.start();
  t2.cancel();
  await t1.join();
  await t2.join();
  console.log(t1.name, t2.name);
}

describe('the course threading examples match CPython 3.11', () => {
  test('same printed lines, in the same order, as the Python twin', async () => {
    const recorded = new URL('./conformance/course_examples.expected.txt', import.meta.url);
    const python = readFileSync(recorded, 'utf8').trimEnd().split('\n');
    const { output } = await simulate(courseExamples);
    expect(output).toEqual(python);
  });

  test('virtual time: the examples take the sum of their sleeps, instantly', async () => {
    const { elapsed } = await simulate(courseExamples);
    // names: 3 x 0.01 + 0.2 - 0.02 (the first worker's sleep overlaps) ; daemons: 0.3 ; timer: 0.3
    expect(elapsed).toBeCloseTo(0.03 + 0.18 + 0.3 + 0.3, 9);
  });
});
