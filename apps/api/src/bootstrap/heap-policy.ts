import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what a full collection left alive before it
 * starts the next one: 300 % more, a factor of 4, the most V8 chooses by itself.
 *
 * Why (docs/decisions/0011): the live pipeline's heap is mostly long-lived analyzer state, and a
 * full collection has to mark all of it, stalling the event loop, and so the snapshots due, for
 * a few hundred milliseconds. V8 picks the factor from how fast the program fills the old
 * generation against how fast it collects: the less garbage the pipeline promotes, the smaller
 * the factor it picks, down to 1.1, so making less garbage did not make full collections rarer.
 * A fixed factor trades memory (at most four times the live heap) for collections as rare as the
 * promoted garbage allows.
 */
export const HEAP_GROWING_PERCENT = 300;

/**
 * Applies the policy above, before the heap fills; says whether it did. An operator's own
 * `--heap-growing-percent` on node's command line is kept.
 */
export function applyHeapPolicy(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((argument) => argument.startsWith('--heap-growing-percent'))) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
