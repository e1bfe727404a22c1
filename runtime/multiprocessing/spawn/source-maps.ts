// Tracebacks in a child show the original .ts files and lines, without paying for source maps at every start.
//
// The child runs bundled JavaScript (bundler.ts). Node's own source-map support (setSourceMapsEnabled) reads
// and parses the map of every module as it loads: for the runtime's bundle that was ~25 ms of a ~70 ms start,
// in every child, for a traceback most children never print. So the bundle's map is a separate file
// (entry.js.map, no sourceMappingURL comment: Node never loads it), and this module installs an
// Error.prepareStackTrace that maps the bundle's frames through it, reading the map the first time a stack
// is formatted. Frames keep V8's format (CallSite#toString) with the location replaced, as Node's own
// source-map support prints them; frames outside the bundles are left alone.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bundles live under node_modules/.cache/concurrency-mp (bundler.ts). */
const BUNDLE_DIR = '/.cache/concurrency-mp/';

const maps = new Map<string, { map: SourceMap; base: string } | null>();

function mapOf(file: string): { map: SourceMap; base: string } | null {
  let entry = maps.get(file);
  if (entry === undefined) {
    entry = null;
    try {
      const path = file.startsWith('file:') ? fileURLToPath(file) : file;
      const mapPath = `${path}.map`;
      const payload = JSON.parse(readFileSync(mapPath, 'utf8')) as ConstructorParameters<typeof SourceMap>[0];
      entry = { map: new SourceMap(payload), base: pathToFileURL(mapPath).href };
    } catch {
      // No map (not one of our bundles, or removed): the frame stays as it is.
    }
    maps.set(file, entry);
  }
  return entry;
}

/** `file:line:col` of the original source for a bundle location, or null. */
function originalLocation(file: string, line: number, column: number): string | null {
  const found = mapOf(file);
  if (found === null) return null;
  const hit = found.map.findEntry(line - 1, column - 1) as {
    originalSource?: string;
    originalLine?: number;
    originalColumn?: number;
  };
  if (hit.originalSource === undefined || hit.originalLine === undefined || hit.originalColumn === undefined) return null;
  const source = new URL(hit.originalSource, found.base).href;
  return `${source}:${hit.originalLine + 1}:${hit.originalColumn + 1}`;
}

function frameText(site: NodeJS.CallSite): string {
  const text = site.toString();
  const file = site.getFileName() ?? site.getScriptNameOrSourceURL();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (typeof file !== 'string' || !file.includes(BUNDLE_DIR) || line === null || column === null) return text;
  const original = originalLocation(file, line, column);
  return original === null ? text : text.replace(`${file}:${line}:${column}`, original);
}

/** V8's first line: Error.prototype.toString (name, message, or "name: message"). */
function header(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}

const INSTALLED = Symbol.for('concurrency-course.mp.stack-maps');

/** Map the bundle's stack frames to the original sources, lazily (once per isolate). */
export function installStackMaps(): void {
  const holder = globalThis as { [INSTALLED]?: boolean };
  if (holder[INSTALLED] === true) return;
  holder[INSTALLED] = true;
  Error.prepareStackTrace = (error, sites) => {
    let text = header(error);
    for (const site of sites) text += `\n    at ${frameText(site)}`;
    return text;
  };
}
