import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ChannelReader, ChannelWriter } from './channel.ts';
import { studentEnv } from './engine.ts';

describe('the signed result channel', () => {
  const key = randomBytes(32);

  test('delivers messages in order across arbitrary chunking', () => {
    const writer = new ChannelWriter(key);
    const text = writer.encode({ type: 'hello' }) + writer.encode({ type: 'queued', file: '/a.test.ts' });
    const reader = new ChannelReader(key);
    for (const char of text) reader.push(char);
    reader.end();
    expect(reader.corrupted).toBeUndefined();
    expect(reader.messages.map((m) => m.type)).toEqual(['hello', 'queued']);
  });

  test('a forged line (no key) marks the channel corrupted and stops reading', () => {
    const writer = new ChannelWriter(key);
    const reader = new ChannelReader(key);
    reader.push(writer.encode({ type: 'hello' }));
    const forged = new ChannelWriter(randomBytes(32));
    forged.encode({ type: 'hello' });
    reader.push(forged.encode({ type: 'end', state: 'passed' }));
    reader.push(writer.encode({ type: 'end' }));
    expect(reader.corrupted).toMatch(/signature/);
    expect(reader.messages.map((m) => m.type)).toEqual(['hello']);
  });

  test('a replayed genuine line is refused by its sequence number', () => {
    const writer = new ChannelWriter(key);
    const line = writer.encode({ type: 'hello' });
    const reader = new ChannelReader(key);
    reader.push(line + line);
    expect(reader.corrupted).toMatch(/message 0 where 1 was due/);
  });

  test('a partial last line is corruption', () => {
    const reader = new ChannelReader(key);
    reader.push('abc');
    reader.end();
    expect(reader.corrupted).toBeDefined();
  });
});

describe('studentEnv', () => {
  test('drops the grading key and other secrets, pins the language', () => {
    const env = studentEnv('es', { GRADER_KEY: 'k', GITHUB_TOKEN: 't', NODE_OPTIONS: '--inspect', PATH: '/bin', LANG: 'C' });
    expect(env).toEqual({ PATH: '/bin', LANG: 'C', COURSE_LANG: 'es', NO_COLOR: '1', CI: 'true' });
  });
});
