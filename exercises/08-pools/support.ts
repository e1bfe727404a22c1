// Course material for exercise 08 (not part of the student's submission): the banks' receipt server, local.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
