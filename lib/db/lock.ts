import fs from "node:fs";
import path from "node:path";
import { dataDirectory } from "@/lib/db/adapter";

/**
 * The embedded database belongs to one process. A lock file with the owner's pid lets a second
 * `npm start` or a CLI command refuse clearly instead of corrupting the data directory.
 */
export function pgliteLockPath(): string {
  return path.join(dataDirectory(), "pglite.lock");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockHolder(): number | null {
  try {
    const pid = Number(fs.readFileSync(pgliteLockPath(), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

export class DatabaseBusyError extends Error {}

/** Takes the lock for `pid` (default: this process); returns a release function. */
export function acquirePgliteLock(pid = process.pid): () => void {
  fs.mkdirSync(dataDirectory(), { recursive: true });
  const holder = lockHolder();
  if (holder) {
    throw new DatabaseBusyError(
      `The embedded database in ${dataDirectory()} is in use by process ${holder} (a running Hindsight server?). ` +
        "Stop it first (sending work to a running server over its API is not available yet).",
    );
  }
  fs.writeFileSync(pgliteLockPath(), String(pid));
  return () => {
    try {
      if (fs.readFileSync(pgliteLockPath(), "utf8").trim() === String(pid)) fs.unlinkSync(pgliteLockPath());
    } catch {
      /* already gone */
    }
  };
}
