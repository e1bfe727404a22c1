import time
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool

# The shortest is long enough that every "downloading" line is out before the first result, even when a
# loaded machine starts the pool's threads late; the gaps keep the completion order.
LATENCY = {'posts': 0.7, 'comments': 0.85, 'photos': 1.0, 'todos': 0.55, 'albums': 0.4}

def download_url(url):
    # One write (the same text as print("downloading: ", url)): print's separate pieces can be split by
    # another thread's line, leaving a bare URL that reads like a result.
    print(f"downloading:  {url}")
    time.sleep(LATENCY[url[url.rfind("/") + 1:]])
    return url

def square(x):
    return x * x

def fail_on_3(x):
    if x == 3:
        raise ValueError('bad %d' % x)
    return x

urls = ["https://jsonplaceholder.typicode.com/posts",
        "https://jsonplaceholder.typicode.com/comments",
        "https://jsonplaceholder.typicode.com/photos",
        "https://jsonplaceholder.typicode.com/todos",
        "https://jsonplaceholder.typicode.com/albums",
        ]

if __name__ == '__main__':
    results = ThreadPool(6).imap_unordered(download_url, urls)
    for r in results:
        print(r)
    with Pool(2) as pool:
        print(pool.map(square, range(10)))
        print(pool.starmap(pow, [(2, 3), (3, 2)]))
        print(list(pool.imap(square, [3, 1, 2])))
        try:
            pool.map(fail_on_3, range(5))
        except ValueError as e:
            print('ValueError:', e)
        print(pool.apply(square, (7,)))
