/**
 * `hindsight backup` and `hindsight restore`: the whole database as one JSON archive, and back into
 * an empty database. scripts/cli.ts wires them in and passes its withDatabase (open the
 * configured database, take the PGlite lock, always close).
 * AppErrors and ImportErrors propagate to cli.ts's error report; usage mistakes exit with code 2.
 */
import fs from "node:fs";
import { rename, stat, unlink } from "node:fs/promises";
import { finished } from "node:stream/promises";
import type { Actor } from "@/lib/auth/actor";
import { answerUsageErrors, parseCommandArgs, remoteOrHelp, UsageError, type DatabaseDeps } from "@/scripts/cli-args";
import { writeBackup } from "@/lib/backup/write-backup";
import { restoreBackup } from "@/lib/backup/restore-backup";

const ACTOR: Actor = { kind: "system", label: "cli" };

export const BACKUP_USAGE = `  backup [--out FILE]
      Write a JSON archive of the whole database to FILE, by default
      hindsight-backup-<UTC time>.json in the current directory (- writes to
      standard output): everything but the audit log, import jobs and
      rate-limit counters, from one consistent snapshot.
  restore <file> [--json]
      Load a backup into an empty database (a fresh installation) in one
      transaction: everything or nothing. Ids, users (with their roles and
      passwords) and incident numbers come back as they were.
`;

/** A running count on stderr in a terminal; nothing when piped. */
function progressLine(verb: string) {
  let last = 0;
  return {
    update({ table, rows }: { table: string; rows: number }) {
      if (!process.stderr.isTTY || Date.now() - last < 200) return;
      last = Date.now();
      process.stderr.write(`\r\x1b[K${verb} ${table}: ${rows.toLocaleString("en-US")} rows`);
    },
    clear() {
      if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    },
  };
}

function defaultFileName(now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return `hindsight-backup-${stamp}.json`;
}

const formatBytes = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} bytes`;

/** `backup [--out FILE]`; returns the exit code. */
export function backupCommand(args: string[], deps: DatabaseDeps): Promise<number> {
  return answerUsageErrors(async () => {
    const { values, positionals } = parseCommandArgs(args, { out: { type: "string" } });
    if (remoteOrHelp(values, BACKUP_USAGE)) return 0;
    if (positionals.length > 0) throw new UsageError(`backup takes no arguments (got "${positionals[0]}"); use --out FILE`);
    const out = values.out ?? defaultFileName();
    const progress = progressLine("Backing up");

    if (out === "-") {
      const summary = await deps.withDatabase(() =>
        writeBackup({ actor: ACTOR, out: process.stdout, options: { onProgress: progress.update } }),
      );
      progress.clear();
      process.stderr.write(`Backed up ${summary.rows.toLocaleString("en-US")} rows in ${summary.tables.length} tables.\n`);
      return 0;
    }

    // Written under a temporary name and renamed when complete, so FILE is never a partial archive.
    const partial = `${out}.partial`;
    const stream = fs.createWriteStream(partial);
    // Write errors surface through the backup's own writes and `finished` below, not as a crash.
    stream.on("error", () => undefined);
    try {
      const summary = await deps.withDatabase(() =>
        writeBackup({ actor: ACTOR, out: stream, options: { onProgress: progress.update } }),
      );
      stream.end();
      await finished(stream);
      await rename(partial, out);
      progress.clear();
      process.stderr.write(
        `Wrote ${out} (${formatBytes(summary.bytes)}): ${summary.rows.toLocaleString("en-US")} rows in ${summary.tables.length} tables, schema at ${summary.header.schemaMigration}.\n`,
      );
      return 0;
    } catch (e) {
      progress.clear();
      stream.destroy();
      await unlink(partial).catch(() => undefined);
      throw e;
    }
  });
}

/** `restore <file> [--json]`; returns the exit code. */
export function restoreCommand(args: string[], deps: DatabaseDeps): Promise<number> {
  return answerUsageErrors(async () => {
    const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } });
    if (remoteOrHelp(values, BACKUP_USAGE)) return 0;
    if (positionals.length !== 1) throw new UsageError("restore takes one archive file");
    const file = positionals[0];
    // Checked before opening the database: a mistyped name should not wait for the PGlite lock.
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) throw new UsageError(`${file} is not a file`);
    const progress = progressLine("Restoring");
    const summary = await deps
      .withDatabase(() => restoreBackup({ actor: ACTOR, file, options: { onProgress: progress.update } }))
      .finally(() => progress.clear());
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(
      `Restored ${summary.rows.toLocaleString("en-US")} rows in ${summary.tables.length} tables from ${file}\n` +
        `(backup made ${summary.header.createdAt}, schema at ${summary.header.schemaMigration}).\n`,
    );
    return 0;
  });
}
