// Course material for exercise 08 (not part of the student's submission): the banks' receipt server, local.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep } from '#runtime/time';
import { receiptChecksum } from './exercise.ts';

export interface ReceiptServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  base: string;
  /** A URL on a port where nothing listens (connection refused). */
  deadUrl: string;
  /** Requests being served right now, and the most ever served at once. */
  inFlight: number;
  maxInFlight: number;
  /** Paths requested, in arrival order. */
  requested: string[];
  /** Forget maxInFlight so far (each test measures its own). */
  resetMax(): void;
  close(): Promise<void>;
}

/**
 * Routes: /receipts/<id>?delay=<ms>&size=<bytes> answers 200 after `delay` ms with `size` bytes;
 * /missing/<id>?delay=<ms> answers 404 after `delay` ms.
 */
export async function startReceiptServer(): Promise<ReceiptServer> {
  const state = { inFlight: 0, maxInFlight: 0, requested: [] as string[] };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    state.requested.push(url.pathname);
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    const delay = Number(url.searchParams.get('delay') ?? '0');
    const size = Number(url.searchParams.get('size') ?? '100');
    setTimeout(() => {
      state.inFlight -= 1;
      if (url.pathname.startsWith('/receipts/')) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', connection: 'close' });
        res.end(Buffer.alloc(size, 0x41));
      } else {
        res.writeHead(404, { 'content-type': 'text/plain', connection: 'close' });
        res.end('not found');
      }
    }, delay);
  });
  await listen(server);
  const port = (server.address() as AddressInfo).port;
  const dead = createServer();
  await listen(dead);
  const deadPort = (dead.address() as AddressInfo).port;
  await new Promise<void>((resolve) => dead.close(() => resolve()));
  return {
    base: `http://127.0.0.1:${port}`,
    deadUrl: `http://127.0.0.1:${deadPort}/receipts/0`,
    get inFlight() {
      return state.inFlight;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    get requested() {
      return state.requested;
    },
    resetMax: () => {
      state.maxInFlight = state.inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}

// ---------------------------------------------------------------------------------------------------------
// The bank's streaming checksums (checksumStream). The tests can make the bank hold one receipt back until the
// parent has received the first result: a pool that hands results over only at the end (map) never gets there.

/** Environment variables the tests set: the id held back, and the file whose existence lets it go. */
export const GATE_ID_VAR = 'COURSE_08_GATE_ID';
export const GATE_FILE_VAR = 'COURSE_08_GATE_FILE';
/** Real seconds a held-back receipt waits before giving up. */
export const GATE_SECONDS = 8;

/** The error of a receipt that waited for the gate in vain. */
export class GateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GateError';
  }
}

/** receiptChecksum(id) as the bank confirms it, in a pool worker. Pass it to the pool as it is. */
export async function confirmedChecksum(id: number): Promise<number> {
  const gateId = process.env[GATE_ID_VAR];
  const gateFile = process.env[GATE_FILE_VAR];
  if (gateId === String(id) && gateFile !== undefined) {
    const until = Date.now() + GATE_SECONDS * 1000;
    while (!existsSync(gateFile)) {
      if (Date.now() > until) throw new GateError(`receipt ${id}: the first result never reached the parent`);
      await sleep(0.01);
    }
  }
  return receiptChecksum(id);
}
