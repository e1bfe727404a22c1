import { expect, test } from 'vitest';
import { neutralizeWorkflowCommands, sanitize } from './sanitize.ts';

test('no line of student output can start a workflow command', () => {
  const hostile = '::error::fake\n  ::set-output name=x::1\n::add-mask::x\n::stop-commands::tok';
  const safe = neutralizeWorkflowCommands(hostile);
  for (const line of safe.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
  expect(safe).toContain('error');
});

test('terminal escapes are removed and the text is truncated', () => {
  expect(sanitize('\u001b[2J\u001b[31mred\u001b[0m ok\r\n', 100)).toBe('red ok\n');
  expect(sanitize('x'.repeat(600), 500)).toHaveLength(500);
});
