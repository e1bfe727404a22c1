// Splitting a class into matrix jobs. GitHub runs at most 256 jobs per matrix ("A matrix will generate a
// maximum of 256 jobs per workflow run", docs.github.com/en/actions/reference/workflows-and-actions/
// workflow-syntax#jobsjob_idstrategymatrix): chunks grow when the class would need more.
export const MAX_MATRIX_JOBS = 256;

export interface ChunkPlan {
  /** Students per chunk actually used (>= the requested size when the class is large). */
  size: number;
  /** Entry ids per chunk, in roster order. */
  chunks: string[][];
}

export function planChunks(ids: string[], requestedSize: number, maxJobs = MAX_MATRIX_JOBS): ChunkPlan {
  if (!Number.isInteger(requestedSize) || requestedSize < 1) throw new Error(`chunk size must be a whole number >= 1 (got ${requestedSize})`);
  const size = Math.max(requestedSize, Math.ceil(ids.length / maxJobs));
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  return { size, chunks };
}
