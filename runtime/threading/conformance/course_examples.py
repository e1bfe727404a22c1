# CPython twin of runtime/threading/conformance.test.ts: the course's threading examples, printed in order.
# Run: python3 runtime/threading/conformance/course_examples.py
import threading, time

print('--- args')
def worker(alumno):
    print(f'Alumno {alumno} adjuntando comprobante....')
threads = []
for i in range(1, 4):
    t = threading.Thread(target=worker, args=(i,))
    threads.append(t)
    t.start()
for t in threads:
    t.join()

print('--- seed bug: target=worker(i) runs in MainThread')
def worker2(alumno):
    print(threading.current_thread().name, 'alumno', alumno)
for i in range(2):
    t = threading.Thread(target=worker2(i))
    t.start()
    t.join()

print('--- names')
def w():
    print(threading.current_thread().name, 'Iniciando...')
    print(threading.current_thread().name, 'En pausa...')
    time.sleep(0.2)
    print(threading.current_thread().name, 'Finalizando...')
def servicio():
    print(threading.current_thread().name, 'Iniciando...')
    print(threading.current_thread().name, 'Finalizando...')
t = threading.Thread(target=servicio, name='Servicio')
ww = threading.Thread(target=w, name='Worker')
z = threading.Thread(target=w)
for x in (ww, z, t):
    x.start()
    time.sleep(0.01)  # CPython runs a new thread until it blocks; the TS twin awaits sleep(0.01) too
for x in (ww, z, t):
    x.join()

print('--- subclass')
class MiHilo(threading.Thread):
    def __init__(self, num):
        threading.Thread.__init__(self)
        self.num = num
    def run(self):
        print('Ejecutando el hilo:', self.num, self.name)
for i in range(3):
    t = MiHilo(i)
    t.start()
    t.join()

print('--- daemons and enumerate')
def contar(numero):
    time.sleep(0.1 * numero)
for numero in range(1, 4):
    threading.Thread(target=contar, args=(numero,), daemon=True).start()
main = threading.main_thread()
for hilo in threading.enumerate():
    if hilo is main:
        continue
    print('Nombre:', hilo.name, 'Demonio:', hilo.daemon, 'Activo:', threading.active_count())
    hilo.join()
print('alive after joins:', threading.active_count())

print('--- timer')
def mostrar(msg):
    print('timer says', msg)
t1 = threading.Timer(0.3, mostrar, args=('hola',))
t2 = threading.Timer(0.1, mostrar, args=('never',))
t1.start(); t2.start(); t2.cancel()
t1.join(); t2.join()
print(t1.name, t2.name)
