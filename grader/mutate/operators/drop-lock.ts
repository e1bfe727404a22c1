// No lock around the critical section: the acquire/release pair (or the withLock/hold wrapper) goes, the
// body stays, so the read-modify-write is open to every other thread or process again.
import { asStatement, calleeName, receiverText, removeStatement, type Candidate, type Operator } from '../operator.ts';
import type { Node } from '../../syntax.ts';

export const dropLock: Operator = {
  id: 'drop-lock',
  summary: 'remove a lock: its acquire()/release() pair, or a withLock()/hold() wrapper',
  find(source) {
    const acquires: { receiver: string; statement: Node }[] = [];
    const releases: { receiver: string; statement: Node }[] = [];
    const found: Candidate[] = [];
    for (const { node, parents } of source.nodes()) {
      const name = calleeName(node);
      if (node.type !== 'CallExpression' || name === undefined) continue;
      if (name === 'acquire' || name === 'release') {
        const receiver = receiverText(source, node);
        const statement = asStatement(parents);
        if (receiver === undefined || statement === undefined) continue;
        (name === 'acquire' ? acquires : releases).push({ receiver, statement });
      }
      if (name === 'withLock' && node.callee.type === 'Identifier' && node.arguments.length === 2) {
        const body = node.arguments[1] as Node;
        // withLock(lock, body) → (body)(): the same work, unprotected.
        found.push({ at: node.start, edits: [{ start: node.start, end: node.end, text: `(${source.slice(body)})()` }],
          description: `withLock(${source.slice(node.arguments[0] as Node)}, …) without the lock` });
      }
    }
    for (const acquire of acquires) {
      // The release that closes it: the first one on the same lock after the acquire.
      const release = releases.find((r) => r.receiver === acquire.receiver && r.statement.start > acquire.statement.end);
      if (release === undefined) continue;
      found.push({
        at: acquire.statement.start,
        edits: [removeStatement(source, acquire.statement), removeStatement(source, release.statement)],
        description: `no ${acquire.receiver}.acquire()/release() around the critical section`,
      });
    }
    return found;
  },
};
