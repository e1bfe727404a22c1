// The thunk advice of "got a Promise that is already running" must compile when pasted back.
import { describe, expect, test } from 'vitest';
import { simulate } from '#runtime/testing';
import { gather, run, sleep } from '#runtime/asyncio';
import { thunkOf } from './callsite.ts';

/** Parses a JS expression (the hints are plain JS): throws SyntaxError if it does not compile. */
function compiles(expression: string): boolean {
  new Function('gather', 'ids', 'items', 'validate', 'work', `return ${expression};`);
  return true;
}

describe('thunkOf', () => {
  test('a call becomes a function that starts it', () => {
    expect(thunkOf("factorial('A', 2)")).toBe("() => factorial('A', 2)");
    expect(thunkOf('validate(id) as any')).toBe('() => validate(id)');
  });

  test('a spread map gets a function per element, never `() => ...list`', () => {
    expect(thunkOf('...ids.map((id) => validate(id))')).toBe('...ids.map((id) => () => validate(id))');
    expect(thunkOf('...ids.map(id => validate(id) as never)')).toBe('...ids.map(id => () => validate(id))');
    expect(thunkOf('...promises')).toBeNull();
    expect(thunkOf('...ids.map((id) => { return validate(id); })')).toBeNull();
  });
});

describe('the refusal names a hint that compiles', () => {
  async function refusal(body: () => PromiseLike<unknown>): Promise<string> {
    const sim = await simulate(() => run(async () => {
      try {
        await body();
      } catch (error) {
        return String(error);
      }
      return 'no error';
    }));
    return sim.value;
  }

  test('a spread list of running promises', async () => {
    const validate = async (id: string): Promise<string> => {
      await sleep(0.1);
      return id;
    };
    const ids = ['a', 'b'];
    const message = await refusal(() => gather(...ids.map((id) => validate(id) as never), { returnExceptions: true }));
    expect(message).toBe('TypeError: gather() got a Promise that is already running; pass a function instead: ' +
      'gather(...ids.map((id) => () => validate(id)))');
    expect(compiles(message.slice(message.indexOf('instead: ') + 'instead: '.length))).toBe(true);
  });

  test('a spread without a map: a generic example that compiles', async () => {
    const promises = [sleep(0.1)];
    const message = await refusal(() => gather(...(promises as never[])));
    const advice = message.slice(message.indexOf('instead: ') + 'instead: '.length);
    const [first, forList] = advice.split(', or for a list ');
    expect(compiles(first!)).toBe(true);
    expect(compiles(forList!)).toBe(true);
  });
});
