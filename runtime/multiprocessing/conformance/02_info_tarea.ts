// Twin of 02_info_tarea.py. `__name__` is '__main__' in the main program and '__mp_main__' in a spawned
// child; pids are virtual in this runtime (the main program keeps its real pid and parent pid).
import * as mp from '#runtime/multiprocessing';

const moduleName = mp.currentProcess().name === 'MainProcess' ? '__main__' : '__mp_main__';

export function info(title: string): void {
  console.log(title);
  console.log('Nombre del módulo:', moduleName);
  console.log('Proceso padre:', mp.parentProcess()?.pid ?? process.ppid);
  console.log('ID del proceso', mp.currentProcess().pid);
}

export function tarea(tareaId: number): void {
  console.log('Tarea ', tareaId);
}

if (mp.currentProcess().name === 'MainProcess') {
  info('Iniciamos los procesos');
  const subproceso1 = new mp.Process({ target: tarea, args: [1] });
  const subproceso2 = new mp.Process({ target: tarea, args: [2] });
  const subproceso3 = new mp.Process({ target: tarea, args: [3] });
  subproceso1.start();
  subproceso2.start();
  subproceso3.start();
  await subproceso1.join();
  await subproceso2.join();
  await subproceso3.join();
  console.log('Los subprocesos han finalizado...');
}
