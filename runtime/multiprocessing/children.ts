// This isolate's started children that have not been reaped (Python's multiprocessing.process._children).
// Process adds and removes them; synchronize/parking.ts asks here whether another process may be alive,
// without depending on the Process class.

/** What the registry needs of a child process. */
export interface Child {
  readonly exitcode: number | null;
}

const children = new Set<Child>();

export function addChild(child: Child): void {
  children.add(child);
}

export function removeChild(child: Child): void {
  children.delete(child);
}

/** The children still running, after forgetting those that exited (Python's _cleanup, then _children). */
export function liveChildren(): Child[] {
  for (const child of children) if (child.exitcode !== null) children.delete(child);
  return [...children];
}

/** Every child registered, exited or not, forgetting them all (a test boundary stops what is left). */
export function takeAllChildren(): Child[] {
  const all = [...children];
  children.clear();
  return all;
}

/** Whether any child of this isolate is still running. */
export function anyChildAlive(): boolean {
  return liveChildren().length > 0;
}
