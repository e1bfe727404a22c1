// The sandbox around a grading run's test processes, where the platform has one: on Linux, bubblewrap
// (`bwrap`, Debian/Ubuntu package `bubblewrap`). What it gives, on top of the supervisor's limits:
// - a new PID namespace: no ancestor in /proc (the shell, npm and the grader, with their environments), and
//   every process the run started dies with it, detached or not (bwrap's init is killed with the run);
// - a new user namespace with no capabilities, as an unprivileged user even when the grader runs as root;
// - no network but loopback (a test's own local server still works), and new IPC/UTS/cgroup namespaces;
// - a read-only view of only what the run needs (system libraries, node, the course's runtime, grader and
//   node_modules) and one writable folder, the run's temporary workspace: the rest of the machine (home
//   folders, a key file, the repository's .git and --out folder) is not there at all;
// - an environment built from scratch: only the variables the supervisor passes.
// Elsewhere (macOS, Windows, a Linux without bwrap or where unprivileged user namespaces are blocked, e.g.
// by AppArmor on Ubuntu 24.04) the probe fails, grading runs the processes directly, and the result records
// `sandbox: "none"`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { SandboxKind } from '../result.ts';

export type Sandbox =
  | { kind: 'bubblewrap'; bwrap: string }
  | { kind: 'none'; reason: string };

/** Where the run reads from and writes to: every other path of the machine is absent inside the sandbox. */
export interface SandboxView {
  /** Read-only paths (files or folders), mounted at the same place. */
  readOnly: string[];
  /** The one writable folder of the host (the workspace). */
  writable: string;
  /**
   * Folders inside the read-only paths that get an empty, private tmpfs instead (where the runtime bundles a
   * process target: node_modules/.cache/concurrency-mp). Created on the host if missing (a mount point).
   */
  scratch?: string[];
  cwd: string;
}

/** System paths every run needs read-only (those that exist); /etc only for the user and host databases. */
const SYSTEM_PATHS = ['/usr', '/bin', '/lib', '/lib64', '/lib32', '/libx32', '/sbin', '/etc/passwd', '/etc/group', '/etc/hosts',
  '/etc/nsswitch.conf', '/etc/localtime', '/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/alternatives'];

function findBwrap(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env['PATH'] ?? '/usr/bin:/bin').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, 'bwrap'))) return join(dir, 'bwrap');
  }
  return undefined;
}

/** The sandbox is unprivileged inside: the caller's uid, or nobody's when the grader runs as root. */
function insideIds(): { uid: number; gid: number } {
  const uid = process.getuid?.() ?? 65534;
  const gid = process.getgid?.() ?? 65534;
  return uid === 0 ? { uid: 65534, gid: 65534 } : { uid, gid };
}

/** The node executable and the folder it lives in, resolved through links (it must be visible inside). */
function nodePaths(): string[] {
  const real = realpathSync(process.execPath);
  return [...new Set([process.execPath, real, dirname(dirname(real))])].filter((path) => path !== '/' && path !== '/usr');
}

/** bwrap's arguments for a command run inside `view` with exactly `env`. */
export function bwrapArgs(view: SandboxView, env: NodeJS.ProcessEnv): string[] {
  const { uid, gid } = insideIds();
  const args = [
    '--unshare-all', '--unshare-user', '--uid', String(uid), '--gid', String(gid),
    '--die-with-parent', '--new-session', '--cap-drop', 'ALL',
    '--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp',
  ];
  const readOnly = [...SYSTEM_PATHS, ...nodePaths(), ...view.readOnly];
  for (const path of [...new Set(readOnly)]) args.push('--ro-bind-try', path, path);
  for (const path of view.scratch ?? []) {
    mkdirSync(path, { recursive: true });
    args.push('--tmpfs', path);
  }
  args.push('--bind', view.writable, view.writable, '--chdir', view.cwd, '--clearenv');
  for (const [name, value] of Object.entries(env)) if (value !== undefined) args.push('--setenv', name, value);
  return args;
}

let probed: Sandbox | undefined;
let probeOverride: (() => Sandbox) | undefined;

/**
 * Test-only: replace the probe (e.g. to force it to fail and test the fallback on a machine that has bwrap).
 * Reachable only by code that imports this module in the grader's own process; nothing a submission can set.
 */
export function overrideSandboxProbeForTests(probe: (() => Sandbox) | undefined): void {
  probeOverride = probe;
  probed = undefined;
}

/** Whether a working sandbox is available here: bwrap found AND able to start a process as the run would. */
export function probeSandbox(env: NodeJS.ProcessEnv = process.env): Sandbox {
  if (probeOverride !== undefined) return probeOverride();
  if (probed !== undefined) return probed;
  probed = runProbe(env);
  return probed;
}

function runProbe(env: NodeJS.ProcessEnv): Sandbox {
  if (process.platform !== 'linux') return { kind: 'none', reason: `no sandbox on ${process.platform} (bubblewrap is Linux-only)` };
  const bwrap = findBwrap(env);
  if (bwrap === undefined) return { kind: 'none', reason: 'bubblewrap (bwrap) is not installed' };
  const view: SandboxView = { readOnly: [], writable: '/tmp', cwd: '/' };
  const probe = spawnSync(bwrap, [...bwrapArgs(view, {}), '--', process.execPath, '-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Inside a new PID namespace node is pid 2 (bwrap's own init is 1).
  if (probe.status === 0 && /^\d+$/.test(probe.stdout) && Number(probe.stdout) < 10) return { kind: 'bubblewrap', bwrap };
  const why = (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim().split('\n')[0] ?? '';
  return { kind: 'none', reason: `bubblewrap cannot start a sandbox here (${why}); unprivileged user namespaces may be disabled` };
}

export function sandboxKind(sandbox: Sandbox): SandboxKind {
  return sandbox.kind;
}
