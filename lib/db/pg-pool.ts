import pg from "pg";

/**
 * Workaround for prisma/orm#27403: migrating PostgreSQL through @prisma/adapter-pg fails with
 * "Column type 'name' could not be deserialized". Reporting `name` (19) and `char` (18) result
 * columns as `text` (25) lets the wasm schema engine read the catalog. Remove once fixed upstream.
 */
const REWRITTEN_TYPE_IDS = new Set([18, 19]);
const TEXT_TYPE_ID = 25;

function rewriteFields(result: unknown): void {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results) {
    const fields = (r as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
    if (!fields) continue;
    for (const field of fields) {
      if (REWRITTEN_TYPE_IDS.has(field.dataTypeID)) field.dataTypeID = TEXT_TYPE_ID;
    }
  }
}

export class NameTypeShimPool extends pg.Pool {
  // pg's overloads make a faithful override signature unwieldy; we only wrap the promise form.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (super.query as any)(...args);
    if (out && typeof out.then === "function") {
      return out.then((result: unknown) => {
        rewriteFields(result);
        return result;
      });
    }
    return out;
  }
}
