// The GRADER_KEY from a file or from standard input (`--key-file PATH`, `--key-file -`), for instructors who
// grade locally: a key in the environment is readable by every process that inherits it and, on Linux,
// from /proc/<pid>/environ of the shell, npm and the grader itself for as long as they run (deleting it
// from process.env does not change that block). A file or a pipe never enters any environment.
import { readFileSync, statSync } from 'node:fs';
import { KeyError, parseKey } from './seal.ts';

/** The key named by `--key-file`, checked: a file others can read is refused, as ssh refuses a private key. */
export function readKeyFile(path: string, readStdin: () => string = () => readFileSync(0, 'utf8')): Buffer {
  if (path === '-') {
    const text = readStdin();
    if (text.trim() === '') throw new KeyError('--key-file -: standard input was empty; pipe the key in, e.g. "--key-file - < grader.key"');
    return parseKey(text);
  }
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    throw new KeyError(`--key-file ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); write the key there with "npx tsx grader/cli.ts keygen > ${path} && chmod 600 ${path}"`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new KeyError(`--key-file ${path}: other users can read it (mode ${(mode & 0o777).toString(8)}); run "chmod 600 ${path}"`);
  }
  return parseKey(readFileSync(path, 'utf8').split('\n').find((line) => line.trim() !== '') ?? '');
}
