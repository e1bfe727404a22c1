from multiprocessing import Process, Queue

def f(q):
    urls = ["https://jsonplaceholder.typicode.com/posts",
            "https://jsonplaceholder.typicode.com/comments",
            "https://jsonplaceholder.typicode.com/photos",
            "https://jsonplaceholder.typicode.com/todos",
            "https://jsonplaceholder.typicode.com/albums",
            ]
    q.put(urls)

if __name__ == '__main__':
    q = Queue()
    p = Process(target=f, args=(q,))
    p.start()
    print(q.get())
    p.join()
    print(p.exitcode, q.empty())
