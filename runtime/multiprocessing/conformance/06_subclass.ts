// Twin of 06_subclass.py: a Process subclass overriding run(). The class must be exported (the child finds it
// by name, as CPython's spawn unpickles the object by its class's qualified name); the fields set in the
// constructor travel to the child.
import * as mp from '#runtime/multiprocessing';

export class MiProceso extends mp.Process {
  numero: number;
  cola: mp.Queue<number>;
  constructor(numero: number, cola: mp.Queue<number>) {
    super();
    this.numero = numero;
    this.cola = cola;
  }

  override async run(): Promise<void> {
    console.log(`${this.name}: calculando el cuadrado de ${this.numero}`);
    await this.cola.put(this.numero * this.numero);
  }
}

export class Falla extends mp.Process {
  override run(): void {
    throw new mp.ValueError('algo ha ido mal');
  }
}

export class Sale extends mp.Process {
  override run(): void {
    process.exit(3);
  }
}

export function saludar(nombre: string): void {
  console.log('Hola,', nombre);
}

if (mp.currentProcess().name === 'MainProcess') {
  const cola = new mp.Queue<number>();
  const procesos = [1, 2, 3].map((n) => new MiProceso(n, cola));
  const primero = procesos[0] as MiProceso;
  console.log(primero.constructor.name, primero.name, primero.daemon ? 'True' : 'False');
  for (const p of procesos) {
    p.start();
    await p.join();
  }
  const cuadrados: number[] = [];
  for (let i = 0; i < procesos.length; i++) cuadrados.push(await cola.get());
  console.log(`Cuadrados: [${cuadrados.sort((a, b) => a - b).join(', ')}]`);
  console.log(`Códigos de salida: [${procesos.map((p) => p.exitcode).join(', ')}]`);
  try {
    primero.start();
  } catch (error) {
    if (!(error instanceof mp.AssertionError)) throw error;
    console.log('AssertionError:', error.message);
  }
  const falla = new Falla();
  const sale = new Sale();
  falla.start();
  sale.start();
  await falla.join();
  await sale.join();
  console.log(falla.name, falla.exitcode, sale.name, sale.exitcode);
  const conTarget = new mp.Process({ target: saludar, args: ['mundo'], name: 'Saludo' });
  conTarget.start();
  await conTarget.join();
  console.log(conTarget.name, conTarget.exitcode);
}
