/** Files handed to importers (load tests, metrics, uptime) and the head read for detection by content. */
import { open } from "node:fs/promises";

/** One uploaded or local file handed to an importer. Importers stream it from `path`; never read it whole. */
export type ImportFile = { name: string; path: string; size: number };

/** The first bytes of a file, for detection by content. */
export type FileHead = { name: string; size: number; head: Buffer; text: string };

const HEAD_BYTES = 64 * 1024;

export async function readFileHead(file: ImportFile): Promise<FileHead> {
  const handle = await open(file.path, "r");
  try {
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, file.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    return { name: file.name, size: file.size, head, text: head.toString("utf8").replace(/^\uFEFF/, "") };
  } finally {
    await handle.close();
  }
}
