// The result channel between the vitest process and the grader. Each line is
// `<hmac-sha256 hex> <json>`, signed with a key the grader hands to the reporter over stdin before any
// test file loads. Student code runs in other processes and never sees the key, so it may write garbage
// into the channel (which the grader detects) but cannot forge a result.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface CaseEvent {
  type: 'case';
  file: string;
  name: string;
  fullName: string;
  state: 'passed' | 'failed' | 'skipped' | 'pending';
  errors: string[];
  duration: number;
  output: string;
  /** The course kit's diagnosis of a failure (a stable id such as `target-called`) and its advice, if any. */
  diagnosis?: string | null;
  hint?: string | null;
  /** A failing test's timeline (grader/timeline/model.ts), as the test process built it: untrusted. */
  timeline?: unknown;
}

export interface ReporterEvent {
  type: 'queued' | 'module' | 'end' | 'hello';
  file?: string;
  /** module: collection or suite-level errors (a module that failed to load has these and no tests). */
  errors?: string[];
  /** module: errors of suites (a describe whose imported test file failed to load), by full name. */
  suiteErrors?: { suite: string; errors: string[] }[];
  output?: string;
  state?: string;
}

export type ChannelMessage = CaseEvent | ReporterEvent;

interface Envelope {
  seq: number;
  message: ChannelMessage;
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

export class ChannelWriter {
  private seq = 0;
  private readonly key: Buffer;
  constructor(key: Buffer) {
    this.key = key;
  }

  encode(message: ChannelMessage): string {
    const body = JSON.stringify({ seq: this.seq++, message } satisfies Envelope);
    return `${mac(this.key, body)} ${body}\n`;
  }
}

/** Parses the channel's byte stream; any unsigned, reordered or malformed line marks it corrupted. */
export class ChannelReader {
  readonly messages: ChannelMessage[] = [];
  corrupted: string | undefined;
  private buffer = '';
  private nextSeq = 0;
  private readonly key: Buffer;
  constructor(key: Buffer) {
    this.key = key;
  }

  /** Returns the messages completed by this chunk. */
  push(chunk: Buffer | string): ChannelMessage[] {
    if (this.corrupted !== undefined) return [];
    this.buffer += chunk.toString();
    const fresh: ChannelMessage[] = [];
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      const message = this.verify(line);
      if (message === undefined) return fresh;
      this.messages.push(message);
      fresh.push(message);
      newline = this.buffer.indexOf('\n');
    }
    if (this.buffer.length > 16 * 1024 * 1024) this.corrupted = 'a line longer than 16 MiB';
    return fresh;
  }

  /** Call at end of stream: a partial last line is corruption too. */
  end(): void {
    if (this.corrupted === undefined && this.buffer.length > 0) this.corrupted = 'an unterminated last line';
  }

  private verify(line: string): ChannelMessage | undefined {
    const space = line.indexOf(' ');
    const given = Buffer.from(line.slice(0, space), 'hex');
    const body = line.slice(space + 1);
    const expected = Buffer.from(mac(this.key, body), 'hex');
    if (space !== 64 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      this.corrupted = 'a line with a wrong signature';
      return undefined;
    }
    const envelope = JSON.parse(body) as Envelope;
    if (envelope.seq !== this.nextSeq) {
      this.corrupted = `message ${envelope.seq} where ${this.nextSeq} was due`;
      return undefined;
    }
    this.nextSeq += 1;
    return envelope.message;
  }
}
