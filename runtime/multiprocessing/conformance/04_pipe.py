from multiprocessing import Process, Pipe

def f(conn):
    urls = ["https://jsonplaceholder.typicode.com/posts",
            "https://jsonplaceholder.typicode.com/comments",
            "https://jsonplaceholder.typicode.com/photos",
            "https://jsonplaceholder.typicode.com/todos",
            "https://jsonplaceholder.typicode.com/albums",
            ]
    conn.send(urls)
    conn.close()

if __name__ == '__main__':
    parent_conn, child_conn = Pipe()
    p = Process(target=f, args=(child_conn,))
    p.start()
    child_conn.close()  # the parent's copy: without this, recv() after the child's close would wait forever
    print(parent_conn.recv())
    p.join()
    try:
        parent_conn.recv()
    except EOFError:
        print('EOFError')
    a, b = Pipe(duplex=False)
    print('readable', a.readable, b.readable, 'writable', a.writable, b.writable)
    try:
        a.send(1)
    except OSError as e:
        print('OSError:', e)
    try:
        b.recv()
    except OSError as e:
        print('OSError:', e)
    # A one-way pipe from a child: the parent closes its copy of the writer after start(), the child's stays open.
    reader, writer = Pipe(duplex=False)
    p = Process(target=f, args=(writer,))
    p.start()
    writer.close()
    print(len(reader.recv()), 'urls through a one-way pipe')
    p.join()
    print('exitcode', p.exitcode)
