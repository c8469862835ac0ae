import { describe, expect, it } from "vitest";
import {
  BackupPlanError,
  deferredColumns,
  dependencyOrder,
  planBackup,
  type CatalogColumn,
  type CatalogTable,
} from "@/lib/backup/plan";

const col = (name: string, type = "text", patch: Partial<CatalogColumn> = {}): CatalogColumn => ({
  name,
  type,
  typeName: type,
  notNull: true,
  generated: false,
  sequence: null,
  ...patch,
});
const nullable = (name: string, type = "text") => col(name, type, { notNull: false });

function table(name: string, columns: CatalogColumn[], foreignKeys: [string, string][] = [], primaryKey = ["id"]): CatalogTable {
  return {
    name,
    columns,
    primaryKey,
    foreignKeys: foreignKeys.map(([column, references]) => ({ columns: [column], references })),
  };
}

/** A small slice of the real schema, with the shapes the backup must handle. */
const CATALOG: CatalogTable[] = [
  table("User", [col("id"), col("email")]),
  table(
    "Incident",
    [
      col("id"),
      col("number", "integer", { sequence: 'public."Incident_number_seq"' }),
      nullable("createdById"),
      nullable("searchVector", "tsvector"),
    ],
    [["createdById", "User"]],
  ),
  table(
    "Comment",
    [col("id"), col("incidentId"), nullable("parentId"), nullable("authorId")],
    [
      ["incidentId", "Incident"],
      ["parentId", "Comment"],
      ["authorId", "User"],
    ],
  ),
  table("Attachment", [col("id"), col("incidentId"), col("data", "bytea"), col("meta", "jsonb")], [["incidentId", "Incident"]]),
  table("AuditLog", [col("id", "bigint"), nullable("actorId")], [["actorId", "User"]]),
  table("RateLimitBucket", [col("key")], [], ["key"]),
  table(
    "TeamMember",
    [col("teamId"), col("userId")],
    [
      ["teamId", "Team"],
      ["userId", "User"],
    ],
    ["teamId", "userId"],
  ),
  table("Team", [col("id"), col("name"), col("slug", "text", { generated: true })]),
];

describe("planBackup", () => {
  const plan = planBackup(CATALOG);
  const names = plan.map((t) => t.name);

  it("leaves out the audit log and transient tables", () => {
    expect(names).not.toContain("AuditLog");
    expect(names).not.toContain("RateLimitBucket");
    expect(names).toHaveLength(6);
  });

  it("puts every table after the tables it references, ties by name", () => {
    expect(names).toEqual(["Team", "User", "Incident", "Attachment", "Comment", "TeamMember"]);
  });

  it("stores bytes as base64, leaves derived and generated columns out and records sequences", () => {
    const attachment = plan.find((t) => t.name === "Attachment")!;
    expect(attachment.columns.map((c) => [c.name, c.encoding, c.isJson])).toEqual([
      ["id", "json", false],
      ["incidentId", "json", false],
      ["data", "base64", false],
      ["meta", "json", true],
    ]);
    const incident = plan.find((t) => t.name === "Incident")!;
    expect(incident.columns.map((c) => c.name)).toEqual(["id", "number", "createdById"]);
    expect(incident.derived).toEqual(["Incident.searchVector"]);
    expect(incident.sequences).toEqual([{ column: "number", sequence: 'public."Incident_number_seq"' }]);
    expect(plan.find((t) => t.name === "Team")!.columns.map((c) => c.name)).toEqual(["id", "name"]);
    expect(plan.find((t) => t.name === "TeamMember")!.primaryKey.map((c) => c.name)).toEqual(["teamId", "userId"]);
  });

  it("refuses what it could not restore faithfully", () => {
    const cases: [CatalogTable[], RegExp][] = [
      [
        [table("Note", [col("id"), nullable("doc", "tsvector")])],
        /Note\.doc is a tsvector column the restore does not know how to rebuild/,
      ],
      [[table("Log", [col("at", "timestamptz")], [], [])], /Log has no primary key/],
      [
        [
          table("Job", [col("id")], [], ["id"]),
          table("ImportJob", [col("id")]),
          table("Run", [col("id"), nullable("jobId")], [["jobId", "ImportJob"]]),
        ],
        /Run\.jobId references ImportJob, which a backup leaves out/,
      ],
      [[table("Blob", [col("id"), col("parts", "_bytea")])], /bytea\[\] columns are not supported/],
    ];
    for (const [catalog, message] of cases) {
      expect(() => planBackup(catalog)).toThrow(BackupPlanError);
      expect(() => planBackup(catalog)).toThrow(message);
    }
  });
});

describe("dependencyOrder", () => {
  it("breaks a cycle at a nullable reference", () => {
    const a = table("A", [col("id"), nullable("bId")], [["bId", "B"]]);
    const b = table("B", [col("id"), col("aId")], [["aId", "A"]]);
    // B needs A (required); A's reference to B can wait.
    expect(dependencyOrder([b, a])).toEqual(["A", "B"]);
  });

  it("refuses a cycle of required references", () => {
    const a = table("A", [col("id"), col("bId")], [["bId", "B"]]);
    const b = table("B", [col("id"), col("aId")], [["aId", "A"]]);
    expect(() => dependencyOrder([a, b])).toThrow(/reference each other through required columns: A, B/);
  });
});

describe("deferredColumns", () => {
  const comment = CATALOG.find((t) => t.name === "Comment")!;
  const columns = ["id", "incidentId", "parentId", "authorId"];

  it("defers references to the same table and to tables not yet loaded", () => {
    expect(deferredColumns(comment, columns, new Set(["User", "Incident"]))).toEqual([
      { column: "parentId", references: "Comment" },
    ]);
    expect(deferredColumns(comment, columns, new Set(["Incident"]))).toEqual([
      { column: "parentId", references: "Comment" },
      { column: "authorId", references: "User" },
    ]);
  });

  it("ignores columns the archive does not hold and refuses a required reference to a later table", () => {
    expect(deferredColumns(comment, ["id", "incidentId"], new Set(["Incident"]))).toEqual([]);
    expect(() => deferredColumns(comment, columns, new Set(["User"]))).toThrow(
      /Comment\.incidentId references Incident, which the archive has not brought before it/,
    );
  });
});
