// queue.Empty and queue.Full. Python raises them with no message (str(e) == ''), so `${error}` reads "Empty".
// #runtime/multiprocessing raises these same classes, as Python's multiprocessing raises queue.Empty/Full.

/** Raised by get(block=false), getNowait() and a get() whose timeout passes with nothing to take. */
export class Empty extends Error {
  override name = 'Empty';
  constructor(message = '') {
    super(message);
  }
}

/** Raised by put(block=false), putNowait() and a put() whose timeout passes with the queue still full. */
export class Full extends Error {
  override name = 'Full';
  constructor(message = '') {
    super(message);
  }
}
