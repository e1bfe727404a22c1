// Type-checks one student file with the repository's TypeScript and tsconfig and writes the first error (or
// none) to a small JSON file. Plain JS: `npm test` starts it as a detached process, so a slow check
// (about 2 s of CPU: TypeScript itself, the runtime's types, @types/node) never holds up the tests.
//   node grader/typecheck/checker.mjs <file.ts> <tsconfig.json> <out.json> <sha256 of the file>
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const [file, tsconfig, out, hash] = process.argv.slice(2);
let result = { hash, error: null };
try {
  const ts = createRequire(join(dirname(tsconfig), 'package.json'))('typescript');
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, host);
  const program = ts.createProgram([file], { ...(config ? config.options : {}), noEmit: true, skipLibCheck: true });
  const source = program.getSourceFile(file);
  const diagnostics = source === undefined ? [] : [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
  const first = diagnostics.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (first !== undefined) {
    const at = first.file !== undefined && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : { line: 0, character: 0 };
    result.error = { line: at.line + 1, column: at.character + 1, message: ts.flattenDiagnosticMessageText(first.messageText, ' '), count: diagnostics.length };
  }
} catch (error) {
  result = { hash, error: null, failed: String(error && error.message) };
}
writeFileSync(`${out}.${process.pid}.tmp`, JSON.stringify(result));
renameSync(`${out}.${process.pid}.tmp`, out);
