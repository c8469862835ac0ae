/** A file the importer cannot read: the message names the file, line and field so the user can fix it. */
export class ImportError extends Error {
  readonly file: string | null;
  readonly line: number | null;
  readonly field: string | null;
  constructor(message: string, where: { file?: string | null; line?: number | null; field?: string | null } = {}) {
    const place = [
      where.file ? where.file : null,
      where.line != null ? `line ${where.line}` : null,
      where.field ? `field "${where.field}"` : null,
    ]
      .filter(Boolean)
      .join(", ");
    super(place ? `${place}: ${message}` : message);
    this.name = "ImportError";
    this.file = where.file ?? null;
    this.line = where.line ?? null;
    this.field = where.field ?? null;
  }
}

/** Thrown from `progress.tick()` once a cancel was requested; the job ends "cancelled" and writes nothing. */
export class ImportCancelledError extends Error {
  constructor() {
    super("Import cancelled.");
    this.name = "ImportCancelledError";
  }
}
