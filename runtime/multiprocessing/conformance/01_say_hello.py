from multiprocessing import Process

def say_hello(name):
    print("Hello, %s!" % name)

if __name__ == '__main__':
    p = Process(target=say_hello, args=("world",))
    p.start()
    p.join()
