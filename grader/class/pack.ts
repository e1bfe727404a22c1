// The course the grading jobs receive as an artifact: the grading repository's checkout without its git
// data, the solutions, the class folder (roster, configuration) and installed packages. The jobs that
// run student code get no checkout and no token, only this copy and the plan.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const NOT_PACKED = ['.git', 'solutions', 'class', 'node_modules', '.grade', '.grade-class', 'coverage'];

export function packCourse(from: string, to: string): void {
  if (!existsSync(join(from, 'exercises'))) throw new Error(`${from} has no exercises/: run this in the grading repository's checkout`);
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const rel = relative(from, source);
      return rel === '' || !NOT_PACKED.includes(rel.split(sep)[0]!);
    },
  });
}
