// Logging levels: the numbers, the names, and Python's checks (`Unknown level: 'LOUD'`).
import { ValueError, pyRepr } from '../python/index.ts';

export const CRITICAL = 50;
export const FATAL = CRITICAL;
export const ERROR = 40;
export const WARNING = 30;
export const WARN = WARNING;
export const INFO = 20;
export const DEBUG = 10;
export const NOTSET = 0;

const levelToName = new Map<number, string>([
  [CRITICAL, 'CRITICAL'],
  [ERROR, 'ERROR'],
  [WARNING, 'WARNING'],
  [INFO, 'INFO'],
  [DEBUG, 'DEBUG'],
  [NOTSET, 'NOTSET'],
]);
const nameToLevel = new Map<string, number>([
  ['CRITICAL', CRITICAL],
  ['FATAL', FATAL],
  ['ERROR', ERROR],
  ['WARN', WARNING],
  ['WARNING', WARNING],
  ['INFO', INFO],
  ['DEBUG', DEBUG],
  ['NOTSET', NOTSET],
]);

/** A level's name ('DEBUG'), a name's level (10), or "Level 15" for a number with no name. */
export function getLevelName(level: number): string;
export function getLevelName(level: string): number | string;
export function getLevelName(level: number | string): number | string {
  if (typeof level === 'number') {
    const name = levelToName.get(level);
    if (name !== undefined) return name;
  } else {
    const value = nameToLevel.get(level);
    if (value !== undefined) return value;
  }
  return `Level ${String(level)}`;
}

/** Names a custom level (it then shows in %(levelname)s). */
export function addLevelName(level: number, levelName: string): void {
  levelToName.set(level, levelName);
  nameToLevel.set(levelName, level);
}

/** The name-to-level mapping (Python 3.11's logging.getLevelNamesMapping()). */
export function getLevelNamesMapping(): Record<string, number> {
  return Object.fromEntries(nameToLevel);
}

export type Level = number | string;

/** Python's _checkLevel: a number as is, a known name as its number, anything else an error. */
export function checkLevel(level: unknown): number {
  if (typeof level === 'number' && Number.isInteger(level)) return level;
  if (typeof level === 'string') {
    const value = nameToLevel.get(level);
    if (value === undefined) throw new ValueError(`Unknown level: ${pyRepr(level)}`);
    return value;
  }
  throw new TypeError(`Level not an integer or a valid string: ${pyRepr(level)}`);
}
