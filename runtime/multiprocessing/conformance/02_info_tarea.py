import os
from multiprocessing import Process

def info(title):
    print(title)
    print('Nombre del módulo:', __name__)
    print('Proceso padre:', os.getppid())
    print('ID del proceso', os.getpid())

def tarea(tarea_id):
    print('Tarea ', tarea_id)

if __name__ == '__main__':
    info('Iniciamos los procesos')
    subproceso1 = Process(target=tarea, args=(1,))
    subproceso2 = Process(target=tarea, args=(2,))
    subproceso3 = Process(target=tarea, args=(3,))
    subproceso1.start()
    subproceso2.start()
    subproceso3.start()
    subproceso1.join()
    subproceso2.join()
    subproceso3.join()
    print('Los subprocesos han finalizado...')
