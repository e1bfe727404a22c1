// time.strftime as CPython on glibc renders it in the C locale: every directive Python documents, glibc's
// extras (%e %D %T %F %s %u %V %G ...), and glibc's flags (%-d, %_d, %^a, %5d). Fields come from the local time
// zone (TZ), as time.localtime gives them. Unknown directives are copied as they are, as glibc does.
import { ValueError, typeName } from '../python/index.ts';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** The broken-down local time (Python's struct_time) for a Date. */
interface Fields {
  date: Date;
  year: number;
  month: number; // 0-11
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
  yearDay: number; // 0-365
}

function fieldsOf(date: Date): Fields {
  const year = date.getFullYear();
  const month = date.getMonth();
  const day = date.getDate();
  const yearDay = Math.round((Date.UTC(year, month, day) - Date.UTC(year, 0, 1)) / 86_400_000);
  return {
    date, year, month, day, yearDay,
    hour: date.getHours(), minute: date.getMinutes(), second: date.getSeconds(), weekday: date.getDay(),
  };
}

/** ISO 8601 week-based year and week number (%G, %V). */
function isoWeek(f: Fields): { year: number; week: number } {
  const isoWeekday = (f.weekday + 6) % 7; // Monday = 0
  const thursday = f.yearDay - isoWeekday + 3; // day of year of this week's Thursday
  if (thursday < 0) {
    const previous = fieldsOf(new Date(f.year - 1, 11, 31));
    return { year: f.year - 1, week: isoWeek(previous).week };
  }
  const daysInYear = (f.year % 4 === 0 && f.year % 100 !== 0) || f.year % 400 === 0 ? 366 : 365;
  if (thursday >= daysInYear) return { year: f.year + 1, week: 1 };
  return { year: f.year, week: Math.floor(thursday / 7) + 1 };
}

/**
 * The zone's abbreviation (UTC, CET, EST, IST) as tzname gives it. JavaScript only has Intl's per-locale names:
 * these locales cover Europe, the Americas and India; elsewhere a numeric "+03" like tzdata's own.
 */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Intl formats are costly to build and fix the zone when built: cache them per locale and TZ. */
function zoneFormat(locale: string): Intl.DateTimeFormat {
  const key = `${locale} ${process.env['TZ'] ?? ''}`;
  let format = zoneFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { timeZoneName: 'short' });
    zoneFormats.set(key, format);
  }
  return format;
}

function zoneName(date: Date): string {
  for (const locale of ['en-US', 'en-GB', 'en-IN']) {
    const part = zoneFormat(locale)
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part !== undefined && !/^GMT[+-]/.test(part)) return part === 'GMT' && offset(date) === '+0000' ? 'UTC' : part;
  }
  const numeric = offset(date);
  return numeric.endsWith('00') ? numeric.slice(0, 3) : numeric;
}

function offset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

type Pad = '0' | ' ';
interface Rendered {
  text: string;
  /** Numbers are padded to this width (with '0' or ' '); text is not padded by default. */
  width?: number;
  pad?: Pad;
}

const num = (value: number, width: number, pad: Pad = '0'): Rendered => ({ text: String(value), width, pad });
const twelveHour = (hour: number): number => (hour % 12 === 0 ? 12 : hour % 12);

function directive(code: string, f: Fields): Rendered | null {
  switch (code) {
    case 'a': return { text: DAYS[f.weekday]!.slice(0, 3) };
    case 'A': return { text: DAYS[f.weekday]! };
    case 'b': case 'h': return { text: MONTHS[f.month]!.slice(0, 3) };
    case 'B': return { text: MONTHS[f.month]! };
    case 'c': return { text: render('%a %b %e %H:%M:%S %Y', f) };
    case 'C': return num(Math.floor(f.year / 100), 2);
    case 'd': return num(f.day, 2);
    case 'D': case 'x': return { text: render('%m/%d/%y', f) };
    case 'e': return num(f.day, 2, ' ');
    case 'F': return { text: render('%Y-%m-%d', f) };
    case 'G': return num(isoWeek(f).year, 1);
    case 'g': return num(isoWeek(f).year % 100, 2);
    case 'H': return num(f.hour, 2);
    case 'I': return num(twelveHour(f.hour), 2);
    case 'j': return num(f.yearDay + 1, 3);
    case 'k': return num(f.hour, 2, ' ');
    case 'l': return num(twelveHour(f.hour), 2, ' ');
    case 'm': return num(f.month + 1, 2);
    case 'M': return num(f.minute, 2);
    case 'n': return { text: '\n' };
    case 'p': return { text: f.hour < 12 ? 'AM' : 'PM' };
    case 'P': return { text: f.hour < 12 ? 'am' : 'pm' };
    case 'r': return { text: render('%I:%M:%S %p', f) };
    case 'R': return { text: render('%H:%M', f) };
    case 's': return num(Math.floor(f.date.getTime() / 1000), 1);
    case 'S': return num(f.second, 2);
    case 't': return { text: '\t' };
    case 'T': case 'X': return { text: render('%H:%M:%S', f) };
    case 'u': return num(f.weekday === 0 ? 7 : f.weekday, 1);
    case 'U': return num(Math.floor((f.yearDay + 7 - f.weekday) / 7), 2);
    case 'V': return num(isoWeek(f).week, 2);
    case 'w': return num(f.weekday, 1);
    case 'W': return num(Math.floor((f.yearDay + 7 - ((f.weekday + 6) % 7)) / 7), 2);
    case 'y': return num(f.year % 100, 2);
    case 'Y': return num(f.year, 1);
    case 'z': return { text: offset(f.date) };
    case 'Z': return { text: zoneName(f.date) };
    case '%': return { text: '%' };
    default: return null;
  }
}

// A directive: glibc flags, width, the E/O modifiers (ignored in the C locale), the conversion character.
const SPEC = /%([-_0^#]*)(\d*)([EO]?)(.?)/gs;

interface Directive {
  whole: string;
  flags: string;
  widthText: string;
  code: string;
}

/** Formats split into literal text and directives once, then reused (logging formats every record's time). */
const compiled = new Map<string, Array<string | Directive>>();

function compile(format: string): Array<string | Directive> {
  let parts = compiled.get(format);
  if (parts !== undefined) return parts;
  parts = [];
  let last = 0;
  for (const match of format.matchAll(SPEC)) {
    if (match.index > last) parts.push(format.slice(last, match.index));
    const [whole, flags = '', widthText = '', , code = ''] = match;
    parts.push({ whole, flags, widthText, code });
    last = match.index + whole.length;
  }
  if (last < format.length) parts.push(format.slice(last));
  if (compiled.size > 500) compiled.clear();
  compiled.set(format, parts);
  return parts;
}

function renderDirective({ whole, flags, widthText, code }: Directive, f: Fields): string {
  if (code === '') return whole; // a lone % at the end stays, as glibc leaves it
  const rendered = directive(code, f);
  if (rendered === null) return whole;
  let { text } = rendered;
  const isNumber = rendered.width !== undefined;
  const width = widthText !== '' ? Number(widthText) : (rendered.width ?? 0);
  let pad: Pad | '' = rendered.pad ?? (isNumber ? '0' : ' ');
  if (flags.includes('-')) pad = '';
  else if (flags.includes('_')) pad = ' ';
  else if (flags.includes('0')) pad = '0';
  if (flags.includes('^')) text = text.toUpperCase();
  else if (flags.includes('#')) text = text === text.toUpperCase() ? text.toLowerCase() : text.toUpperCase();
  if (pad !== '' && (isNumber || widthText !== '')) {
    if (isNumber && text.startsWith('-')) text = `-${text.slice(1).padStart(width - 1, pad)}`;
    else text = text.padStart(width, pad);
  }
  return text;
}

function render(format: string, f: Fields): string {
  let out = '';
  for (const part of compile(format)) out += typeof part === 'string' ? part : renderDirective(part, f);
  return out;
}

/** Renders `format` for a local Date (time.strftime(format, time.localtime(seconds))). */
export function strftimeDate(format: string, date: Date): string {
  if (typeof format !== 'string') {
    throw new TypeError(`strftime() argument 1 must be str, not ${typeName(format)}`);
  }
  if (Number.isNaN(date.getTime())) throw new ValueError('strftime() got an invalid Date');
  if (format.includes('\0')) throw new ValueError('embedded null character');
  return render(format, fieldsOf(date));
}
