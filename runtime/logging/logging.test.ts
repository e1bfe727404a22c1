// logging, scenario by scenario against CPython 3.11: fixtures/scenarios.py runs the same programs in Python
// (time.time() pinned, TZ=UTC) and records what they print in fixtures/scenarios.json. Python's traceback
// frames (lines starting with two spaces) name Python's files, so they are compared separately.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { simulate } from '#runtime/testing';
import { Thread } from '#runtime/threading';
import { sleep } from '#runtime/time';
import * as logging from '#runtime/logging';
import { writeOutput } from '../core/index.ts';
import { ValueError, pyRepr } from '../python/index.ts';

const EPOCH = 1767258000.125;
const python = JSON.parse(readFileSync(new URL('./fixtures/scenarios.json', import.meta.url), 'utf8')) as Record<string, string[]>;
const print = (...parts: unknown[]): void => writeOutput(`${parts.map(String).join(' ')}\n`, 'stderr');
const withoutFrames = (lines: string[]): string[] => lines.filter((l) => !l.startsWith('  '));

const originalTz = process.env['TZ'];
beforeAll(() => {
  process.env['TZ'] = 'UTC';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});
beforeEach(() => logging.resetLogging());

async function run(program: () => unknown): Promise<string[]> {
  const { output } = await simulate(program, { epoch: EPOCH });
  return output;
}

const scenarios: Record<string, () => unknown> = {
  async course() {
    logging.basicConfig({ level: logging.DEBUG, format: '[%(levelname)s] - %(threadName)-10s : %(message)s' });
    const worker = async (): Promise<void> => {
      logging.debug('Iniciando...');
      await sleep(0.01);
      logging.debug('Finalizando...');
    };
    const w = new Thread({ target: worker, name: 'Worker' });
    w.start();
    await w.join();
    logging.info('%s terminó', w.name);
  },

  async course_typo() {
    logging.basicConfig({ level: logging.DEBUG, format: '[% (levelname)s] - %(threadName)-10s : %(message)s' });
    const worker = (): void => {
      logging.debug('Iniciando...');
    };
    const w = new Thread({ target: worker, name: 'Worker' });
    w.start();
    await w.join();
  },

  defaults() {
    logging.warning('hola %s', 'mundo');
    logging.info('no se ve');
    logging.error('%d errores de %d', 3, 10);
    logging.critical({ a: 1 });
    logging.warning('%(user)s entró', { user: 'ana' });
    logging.warning('100% seguro');
  },

  debug_before_config() {
    logging.debug('antes de configurar');
    logging.basicConfig({ level: logging.DEBUG, format: '%(levelname)s %(message)s' });
    logging.debug('no se ve: basicConfig no hizo nada');
    logging.warning('sí se ve, con el formato por defecto');
    logging.basicConfig({ level: logging.DEBUG, format: '%(levelname)s %(message)s', force: true });
    logging.debug('con force=True sí');
  },

  hierarchy() {
    logging.basicConfig({ level: logging.DEBUG, format: '%(levelname)-8s|%(levelname)8s|%(name)s|%(message)s' });
    const db = logging.getLogger('app.db');
    db.debug('consulta %r', 'SELECT 1');
    logging.getLogger('app').setLevel(logging.WARNING);
    db.info('oculto por el nivel de app');
    db.warning('visible');
    db.setLevel('INFO');
    db.info('visible otra vez, nivel %d', db.getEffectiveLevel());
    const lib = logging.getLogger('app.lib');
    lib.propagate = false;
    lib.addHandler(new logging.StreamHandler());
    lib.error('solo en el handler propio');
    print(db.parent?.name, lib.getEffectiveLevel(), logging.getLogger('app').getChild('db') === db ? 'True' : 'False');
  },

  async times() {
    logging.basicConfig({ level: logging.INFO, format: '%(asctime)s|%(msecs)03d|%(created)f|%(relativeCreated)d|%(message)s' });
    logging.info('inicio');
    await sleep(61.5);
    logging.info('minuto y medio');
    const handler = logging.getLogger().handlers[0]!;
    handler.setFormatter(new logging.Formatter('%(asctime)s %(message)s', '%H:%M:%S %p'));
    logging.info('con datefmt');
    handler.setFormatter(new logging.Formatter('%(asctime)-30s|%(relativeCreated)10.1f|%(msecs)5.1f|%(message)s'));
    logging.info('anchos');
  },

  message_errors() {
    logging.basicConfig({ format: '%(levelname)s:%(message)s' });
    logging.warning('uno %s', 1, 2);
    logging.warning('%d', 'x');
    logging.warning('después del error se sigue');
  },

  last_resort() {
    const lib = logging.getLogger('lib');
    lib.info('no se ve');
    lib.warning('último recurso: solo el mensaje');
    lib.error('y %s', 'argumentos');
  },

  exception() {
    logging.basicConfig({ format: '%(levelname)s:%(name)s:%(message)s' });
    try {
      throw new ValueError('boom');
    } catch (e) {
      logging.exception('falló: %s', e);
    }
    logging.getLogger('x').error('sin excepción', logging.kwargs({ excInfo: false }));
  },

  extra_and_names() {
    logging.basicConfig({ level: logging.DEBUG, format: '%(user)s|%(threadName)s|%(processName)s|%(levelno)d|%(message)s' });
    logging.info('entró', logging.kwargs({ extra: { user: 'ana' } }));
  },

  config_errors() {
    const attempt = (options: Record<string, unknown>): void => {
      logging.resetLogging();
      try {
        logging.basicConfig(options as logging.BasicConfigOptions);
        print('ok');
      } catch (e) {
        print(`${(e as Error).name}: ${(e as Error).message}`);
      }
    };
    attempt({ levle: 10 });
    attempt({ stream: 'stderr', filename: 'x.log' });
    attempt({ handlers: [], stream: 'stderr' });
    attempt({ format: 'hola' });
    attempt({ level: 'LOUD' });
    attempt({ level: 1.5 });
    attempt({ style: '!' });
    attempt({ format: '%(message)s', level: 'DEBUG' });
    for (const level of [10, 15, 'INFO', 'NOPE', 0, 50]) print(pyRepr(logging.getLevelName(level as never)));
  },
};

describe('logging prints what CPython 3.11 prints', () => {
  test('every Python scenario has a TypeScript twin', () => {
    expect(Object.keys(scenarios).sort()).toEqual(Object.keys(python).sort());
  });

  for (const [name, program] of Object.entries(scenarios)) {
    test(name, async () => {
      const ours = await run(program);
      expect(withoutFrames(ours)).toEqual(withoutFrames(python[name]!));
    });
  }
});

describe('tracebacks and caller information point at the TypeScript source', () => {
  test("the course's malformed format: the logging error's call stack shows the worker's line", async () => {
    const ours = await run(scenarios['course_typo']!);
    const callStack = ours.slice(ours.indexOf('Call stack:') + 1, ours.findIndex((l) => l.startsWith('Message:')));
    expect(callStack.join('\n')).toMatch(/File "runtime\/logging\/logging\.test\.ts", line \d+, in worker\n {4}logging\.debug\('Iniciando\.\.\.'\);/);
  });

  test("an exception's traceback names the function and shows the line that threw", async () => {
    const ours = await run(scenarios['exception']!);
    const start = ours.indexOf('Traceback (most recent call last):');
    expect(ours.slice(start + 1, start + 3).join('\n')).toMatch(/File "runtime\/logging\/logging\.test\.ts", line \d+, in exception\n {4}throw new ValueError\('boom'\);/);
  });

  test('%(funcName)s, %(lineno)d, %(filename)s, %(module)s and stacklevel', async () => {
    const source = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
    const lineOf = (marker: string): number => source.findIndex((l) => l.includes(marker)) + 1;
    const output = await run(() => {
      logging.basicConfig({ level: logging.INFO, format: '%(funcName)s:%(lineno)d:%(filename)s:%(module)s %(message)s' });
      function helper(): void {
        logging.info('from helper'); // marker: helper line
        logging.info('about my caller', logging.kwargs({ stacklevel: 2 }));
      }
      function caller(): void {
        helper(); // marker: caller line
      }
      caller();
    });
    expect(output).toEqual([
      `helper:${lineOf('marker: helper line')}:logging.test.ts:logging.test from helper`,
      `caller:${lineOf('marker: caller line')}:logging.test.ts:logging.test about my caller`,
    ]);
  });

  test('stackInfo appends the calling stack', async () => {
    const output = await run(() => {
      logging.basicConfig({ format: '%(message)s' });
      logging.warning('where am I', logging.kwargs({ stackInfo: true }));
    });
    expect(output[0]).toBe('where am I');
    expect(output[1]).toBe('Stack (most recent call last):');
    expect(output.join('\n')).toMatch(/File "runtime\/logging\/logging\.test\.ts", line \d+/);
  });
});
