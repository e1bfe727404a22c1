// CSV as spreadsheets and GitHub Classroom write it (RFC 4180): comma-separated, fields quoted with "
// when they hold a comma, a quote or a line break, "" for a quote inside. A byte-order mark is dropped.
export class CsvError extends Error {
  override name = 'CsvError';
}

/** Rows of fields; blank lines are skipped. Throws CsvError (with the line) on an unterminated quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRow = (): void => {
    row.push(field);
    if (row.length > 1 || row[0]!.trim() !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
    } else {
      field += char;
    }
  }
  if (quoted) throw new CsvError(`line ${quoteLine}: a quoted field is never closed (a " is missing)`);
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * One CSV text, CRLF line ends as RFC 4180 says. A field a spreadsheet would run as a formula (=, +, -, @
 * first) gets a leading apostrophe when it is not a number: student text never becomes a formula.
 */
export function toCsv(rows: (string | number | null)[][]): string {
  return rows.map((row) => row.map((value) => {
    const text = value === null ? '' : String(value);
    const safe = /^[=+\-@]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
    return quote(safe);
  }).join(',')).join('\r\n') + '\r\n';
}

/** Rows as records keyed by the (trimmed, lower-case) header. */
export function records(rows: string[][]): { header: string[]; records: Record<string, string>[] } {
  const [first, ...rest] = rows;
  const header = (first ?? []).map((name) => name.trim().toLowerCase());
  return { header, records: rest.map((row) => Object.fromEntries(header.map((name, i) => [name, (row[i] ?? '').trim()]))) };
}
