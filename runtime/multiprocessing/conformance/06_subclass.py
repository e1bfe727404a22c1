# cpython: _test_multiprocessing.py::_TestSubclassingProcess.test_subclassing
# A Process subclass that overrides run() (spawn start method: the object travels by pickling; its class is
# found by name in the child), the default run() calling a target, and the exit codes of run().
import multiprocessing
import sys


class MiProceso(multiprocessing.Process):
    def __init__(self, numero, cola):
        super().__init__()
        self.numero = numero
        self.cola = cola

    def run(self):
        print(f'{self.name}: calculando el cuadrado de {self.numero}')
        self.cola.put(self.numero * self.numero)


class Falla(multiprocessing.Process):
    def run(self):
        raise ValueError('algo ha ido mal')


class Sale(multiprocessing.Process):
    def run(self):
        sys.exit(3)


def saludar(nombre):
    print('Hola,', nombre)


if __name__ == '__main__':
    multiprocessing.set_start_method('spawn')
    cola = multiprocessing.Queue()
    procesos = [MiProceso(n, cola) for n in range(1, 4)]
    print(type(procesos[0]).__name__, procesos[0].name, procesos[0].daemon)
    for p in procesos:
        p.start()
        p.join()
    print('Cuadrados:', sorted(cola.get() for _ in procesos))
    print('Códigos de salida:', [p.exitcode for p in procesos])
    try:
        procesos[0].start()
    except AssertionError as error:
        print('AssertionError:', error)
    falla, sale = Falla(), Sale()
    falla.start()
    sale.start()
    falla.join()
    sale.join()
    print(falla.name, falla.exitcode, sale.name, sale.exitcode)
    con_target = multiprocessing.Process(target=saludar, args=('mundo',), name='Saludo')
    con_target.start()
    con_target.join()
    print(con_target.name, con_target.exitcode)
