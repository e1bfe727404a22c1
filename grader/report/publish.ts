// The output folder of `grade`: the grader owns it. Reports are written into a fresh staging folder beside it
// and swapped in by rename once complete, so the folder never holds a half-written set, and nothing the
// grader did not write survives a grading (student code that wrote a `results.json` there during the run,
// when no sandbox kept it out, loses it). A folder the grader does not own is never replaced: it is refused
// before grading starts.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { bi, type Bilingual } from '../i18n.ts';

/** Written last into every output folder: it proves the folder is the grader's and lists what it wrote. */
export const OWNER_MARKER = '.course-grader-reports.json';

export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
  readonly text: Bilingual;
  constructor(text: Bilingual) {
    super(text.en);
    this.text = text;
  }
}

function ownedBy(dir: string): boolean {
  try {
    const marker = JSON.parse(readFileSync(join(dir, OWNER_MARKER), 'utf8')) as { tool?: unknown };
    return marker.tool === 'course-grader';
  } catch {
    return false;
  }
}

/**
 * Throws unless `dir` is absent, an empty folder, or a folder this grader wrote (its marker, or only report
 * files named in `reports`: a folder from before the marker existed). Call before grading.
 */
export function checkOutputFolder(dir: string, reports: readonly string[]): void {
  if (!existsSync(dir)) return;
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) {
    throw new OutputFolderError(bi(`--out ${dir} existe y no es una carpeta: elige otra ruta para los informes`,
      `--out ${dir} exists and is not a folder: choose another path for the reports`));
  }
  const entries = readdirSync(dir);
  if (ownedBy(dir) || entries.every((name) => reports.includes(name))) return;
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ', …' : '');
  throw new OutputFolderError(bi(
    `--out ${dir} ya contiene archivos que no escribió el corrector (${shown}); la corrección reemplaza la carpeta entera: usa una carpeta vacía o nueva`,
    `--out ${dir} already holds files the grader did not write (${shown}); grading replaces the whole folder: use an empty or new folder`));
}

export interface Published {
  /** Absolute paths of the files written. */
  files: string[];
  /** Names found in the folder at publication that the grader had not written (now removed). */
  removed: string[];
}

/**
 * Publishes `files` (name -> content) as the whole content of `dir`. The previous content, whatever wrote
 * it, is replaced in one rename (two when a previous folder exists: it is moved aside first, then deleted).
 * `checkedAt` says the caller ran checkOutputFolder before grading: what appeared in the folder since then is
 * student code's doing and is removed; otherwise the folder is checked now.
 */
export function publishFolder(dir: string, files: Record<string, string>, checkedAt: 'before-grading' | 'now' = 'now'): Published {
  if (checkedAt === 'now') checkOutputFolder(dir, Object.keys(files));
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(dir)}.staging-`));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(staging, name), content);
    writeFileSync(join(staging, OWNER_MARKER), `${JSON.stringify({ tool: 'course-grader', files: Object.keys(files) }, null, 2)}\n`);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const previous = existsSync(dir) ? readdirSync(dir) : [];
  const ours = new Set([...Object.keys(files), OWNER_MARKER]);
  let aside: string | undefined;
  if (existsSync(dir)) {
    aside = `${staging}.previous`;
    renameSync(dir, aside);
  }
  renameSync(staging, dir);
  if (aside !== undefined) rmSync(aside, { recursive: true, force: true });
  return { files: Object.keys(files).map((name) => join(dir, name)), removed: previous.filter((name) => !ours.has(name)) };
}
