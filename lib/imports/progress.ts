/**
 * Progress reporting for a running import. Parsers call `bytes`/`rows` as they go (cheap, in memory)
 * and `await tick()` between chunks: the job runner persists progress at most a few times a second
 * and throws ImportCancelledError there once the job was cancelled.
 */
export type ImportProgress = {
  bytes(n: number): void;
  rows(n: number): void;
  tick(): Promise<void>;
};

/** For dry runs and tests: counts nothing, never cancels. */
export const NO_PROGRESS: ImportProgress = {
  bytes() {},
  rows() {},
  async tick() {},
};

/** Counts in memory; `onTick` decides what to do with the figures (persist, print, check for cancel). */
export function countingProgress(
  onTick?: (state: { bytesRead: number; rowsRead: number }) => Promise<void> | void,
): ImportProgress & {
  readonly state: { bytesRead: number; rowsRead: number };
} {
  const state = { bytesRead: 0, rowsRead: 0 };
  return {
    state,
    bytes(n) {
      state.bytesRead += n;
    },
    rows(n) {
      state.rowsRead += n;
    },
    async tick() {
      await onTick?.(state);
    },
  };
}
