// Loggers, handlers, filters and formatters one by one; each expectation was checked against CPython 3.11.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { simulate } from '#runtime/testing';
import { Thread, currentThread } from '#runtime/threading';
import * as logging from '#runtime/logging';
import { processInfo } from '../core/index.ts';

/** A stream that keeps what it is given, like Python's io.StringIO. */
function memoryStream(): { write(text: string): void; lines: () => string[] } {
  let text = '';
  return { write: (t: string) => void (text += t), lines: () => text.split('\n').slice(0, -1) };
}

function configure(format: string, level: logging.Level = logging.DEBUG): ReturnType<typeof memoryStream> {
  const stream = memoryStream();
  logging.basicConfig({ level, format, stream });
  return stream;
}

beforeEach(() => logging.resetLogging());

describe('getLogger and the hierarchy', () => {
  test('the root logger for no name, "" and "root"; the same object for the same name', () => {
    expect(logging.getLogger()).toBe(logging.root);
    expect(logging.getLogger('')).toBe(logging.root);
    expect(logging.getLogger('root')).toBe(logging.root);
    expect(logging.getLogger('a.b')).toBe(logging.getLogger('a.b'));
    expect(() => logging.getLogger(5 as unknown as string)).toThrow(new TypeError('A logger name must be a string'));
  });

  test('a child created before its parent is re-parented when the parent appears', () => {
    const r = logging.getLogger('p.q.r');
    expect(r.parent).toBe(logging.root);
    const p = logging.getLogger('p');
    expect(r.parent).toBe(p);
    const q = logging.getLogger('p.q');
    expect([r.parent?.name, q.parent?.name]).toEqual(['p.q', 'p']);
    expect(logging.getLogger('pq').parent).toBe(logging.root);
  });

  test('levels are inherited until one is set; disable() silences everything up to a level', () => {
    const stream = configure('%(name)s %(levelname)s %(message)s', logging.INFO);
    const worker = logging.getLogger('app.worker');
    expect(worker.getEffectiveLevel()).toBe(logging.INFO);
    worker.debug('hidden');
    logging.getLogger('app').setLevel(logging.DEBUG);
    worker.debug('shown');
    expect(worker.isEnabledFor(logging.DEBUG)).toBe(true);
    logging.disable(logging.WARNING);
    worker.warning('disabled');
    expect(worker.isEnabledFor(logging.ERROR)).toBe(true);
    worker.error('still on');
    expect(stream.lines()).toEqual(['app.worker DEBUG shown', 'app.worker ERROR still on']);
  });

  test('a handler on a child and on the root both see a propagating record', () => {
    const rootStream = configure('root saw %(message)s');
    const childStream = memoryStream();
    const child = logging.getLogger('svc');
    const handler = new logging.StreamHandler(childStream);
    handler.setFormatter(new logging.Formatter('svc saw %(message)s'));
    handler.setLevel(logging.WARNING);
    child.addHandler(handler);
    child.info('info');
    child.error('error');
    expect(childStream.lines()).toEqual(['svc saw error']);
    expect(rootStream.lines()).toEqual(['root saw info', 'root saw error']);
    expect(child.hasHandlers()).toBe(true);
    child.propagate = false;
    child.removeHandler(handler);
    expect(child.hasHandlers()).toBe(false);
  });

  test('a NullHandler keeps the last-resort handler quiet', async () => {
    const { output } = await simulate(() => {
      const lib = logging.getLogger('quiet.lib');
      lib.addHandler(new logging.NullHandler());
      lib.error('nobody sees this');
      logging.getLogger('loud').error('the last resort prints this');
    });
    expect(output).toEqual(['the last resort prints this']);
  });
});

describe('handlers and filters', () => {
  test('Filter passes its logger and the children, not names that merely start the same', () => {
    const stream = configure('%(name)s');
    logging.root.handlers[0]!.addFilter(new logging.Filter('app'));
    for (const name of ['app', 'app.db', 'application', 'other']) logging.getLogger(name).warning('x');
    expect(stream.lines()).toEqual(['app', 'app.db']);
  });

  test('a function works as a filter, on a logger too', () => {
    const stream = configure('%(message)s');
    const log = logging.getLogger('f');
    log.addFilter((record) => !String(record.msg).includes('secret'));
    log.warning('public');
    log.warning('secret');
    expect(stream.lines()).toEqual(['public']);
  });

  test('FileHandler appends to a file, or starts it afresh with mode "w"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logging-'));
    try {
      const file = join(dir, 'app.log');
      logging.basicConfig({ filename: file, filemode: 'w', format: '%(levelname)s %(message)s' });
      logging.warning('first');
      logging.basicConfig({ filename: file, force: true });
      logging.error('second');
      logging.shutdown();
      expect(readFileSync(file, 'utf8')).toBe('WARNING first\nERROR:root:second\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("stream 'stdout' writes to standard output, the default to standard error", () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      logging.basicConfig({ stream: 'stdout', format: '%(message)s' });
      logging.warning('to stdout');
      logging.basicConfig({ force: true, format: '%(message)s' });
      logging.warning('to stderr');
      expect(out.mock.calls.map((c) => c[0])).toContain('to stdout\n');
      expect(err.mock.calls.map((c) => c[0])).toContain('to stderr\n');
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});

describe('records and formats', () => {
  test('%(thread)d is the thread ident, %(process)d and %(processName)s the process', async () => {
    const { value, output } = await simulate(async () => {
      logging.basicConfig({ level: logging.INFO, format: '%(threadName)s %(thread)d %(process)d %(processName)s' });
      const t = new Thread({ name: 'worker-1', target: () => logging.info('') });
      t.start();
      await t.join();
      logging.info('');
      return [t.ident, currentThread().ident];
    });
    expect(output).toEqual([
      `worker-1 ${value[0]} ${processInfo.pid} MainProcess`,
      `MainThread ${value[1]} ${processInfo.pid} MainProcess`,
    ]);
  });

  test("CPython's default thread names show up as they would in Python", async () => {
    const { output } = await simulate(async () => {
      logging.basicConfig({ level: logging.DEBUG, format: '(%(threadName)-10s) %(message)s' });
      const worker = (): void => logging.debug('working');
      const threads = [new Thread({ target: worker }), new Thread({ target: worker })];
      for (const t of threads) t.start();
      for (const t of threads) await t.join();
    });
    expect(output).toEqual(['(Thread-1 (worker)) working', '(Thread-2 (worker)) working']);
  });

  test('Formatter: validation, defaults, missing fields and styles', () => {
    expect(() => new logging.Formatter('no fields')).toThrow("Invalid format 'no fields' for '%' style");
    const record = new logging.LogRecord({ name: 'n', level: logging.INFO, msg: 'm', args: [], stack: {} });
    expect(new logging.Formatter('no fields', null, '%', false).format(record)).toBe('no fields');
    expect(() => new logging.Formatter('%(foo)s').format(record)).toThrow('Formatting field not found in record: \'foo\'');
    expect(new logging.Formatter({ fmt: '%(foo)s|%(message)s', defaults: { foo: 'F' } }).format(record)).toBe('F|m');
    expect(new logging.Formatter().format(record)).toBe('m');
    expect(() => new logging.Formatter('%(message)s', null, '!' as logging.FormatStyle)).toThrow('Style must be one of: %,{,$');
  });

  test("extra cannot overwrite a record's own attributes", () => {
    configure('%(message)s');
    expect(() => logging.warning('x', logging.kwargs({ extra: { lineno: 1 } }))).toThrow(
      new logging.KeyError("Attempt to overwrite 'lineno' in LogRecord"),
    );
    expect(() => logging.warning('x', logging.kwargs({ extra: { message: 1 } }))).toThrow(logging.KeyError);
  });

  test('levels: names, custom names, and log() with a level that is not a number', () => {
    expect(logging.getLevelName(logging.WARNING)).toBe('WARNING');
    expect(logging.getLevelName('WARN')).toBe(30);
    logging.addLevelName(25, 'NOTICE');
    expect([logging.getLevelName(25), logging.getLevelName('NOTICE')]).toEqual(['NOTICE', 25]);
    const stream = configure('%(levelname)s %(levelno)d %(message)s');
    logging.log(25, 'custom level');
    expect(stream.lines()).toEqual(['NOTICE 25 custom level']);
    expect(() => logging.root.log('INFO' as unknown as number, 'x')).toThrow(new TypeError('level must be an integer'));
  });
});

describe('exception()', () => {
  afterEach(() => logging.resetLogging());

  test('with the error as the message: str(error) and its traceback', () => {
    const stream = configure('%(levelname)s %(message)s');
    const boom = (): never => {
      throw new RangeError('too far');
    };
    try {
      boom();
    } catch (e) {
      logging.exception(e);
    }
    const lines = stream.lines();
    expect(lines[0]).toBe('ERROR too far');
    expect(lines[1]).toBe('Traceback (most recent call last):');
    expect(lines.join('\n')).toMatch(/line \d+, in boom\n {4}throw new RangeError\('too far'\);/);
    expect(lines.at(-1)).toBe('RangeError: too far');
  });

  test('without any error to show, Python\'s "NoneType: None"', () => {
    const stream = configure('%(message)s');
    logging.exception('nothing was thrown');
    expect(stream.lines()).toEqual(['nothing was thrown', 'NoneType: None']);
  });
});
