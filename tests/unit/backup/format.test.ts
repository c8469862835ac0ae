import { describe, expect, it } from "vitest";
import { ImportError } from "@/lib/imports/errors";
import {
  END_LINE,
  headerLine,
  readArchive,
  rowLine,
  tableCloseLine,
  tableOpenLine,
  type ArchiveEvent,
  type BackupHeader,
} from "@/lib/backup/format";

const HEADER: BackupHeader = {
  format: "hindsight-backup",
  version: 1,
  createdAt: "2026-11-26T10:00:00.000Z",
  schemaMigration: "20261126180000_uptime",
  sequences: { "Incident.number": 12 },
};

/** An archive as write-backup lays it out: a table with rows, one without, and a json value with a line break. */
function archiveText(): string {
  return [
    headerLine(HEADER),
    tableOpenLine("User", ["id", "email"]),
    rowLine('{"id":"u1","email":"a@example.test"}', false),
    rowLine('{"id":"u2","email":"b@example.test"}', true),
    tableCloseLine(2, false),
    tableOpenLine("Account", ["id", "userId"]),
    tableCloseLine(0, false),
    tableOpenLine("Template", ["id", "sections"]),
    rowLine('{"id":"t1","sections":[{"key": "summary",\n "title": "Line\\nbreak"}]}', true),
    tableCloseLine(1, true),
    END_LINE,
  ].join("");
}

/** Lines as node:readline gives them: no empty line after a final line break. */
async function* linesOf(text: string) {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) yield line;
}

async function read(text: string, file = "backup.json"): Promise<ArchiveEvent[]> {
  const events: ArchiveEvent[] = [];
  for await (const e of readArchive(linesOf(text), file)) events.push(e);
  return events;
}

async function refusal(text: string): Promise<string> {
  const error = await read(text).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return (error as Error).message;
}

describe("archive layout", () => {
  it("is one JSON document for any other tool", () => {
    expect(JSON.parse(archiveText())).toEqual({
      ...HEADER,
      tables: [
        {
          table: "User",
          columns: ["id", "email"],
          rows: [
            { id: "u1", email: "a@example.test" },
            { id: "u2", email: "b@example.test" },
          ],
          rowCount: 2,
        },
        { table: "Account", columns: ["id", "userId"], rows: [], rowCount: 0 },
        {
          table: "Template",
          columns: ["id", "sections"],
          rows: [{ id: "t1", sections: [{ key: "summary", title: "Line\nbreak" }] }],
          rowCount: 1,
        },
      ],
    });
  });

  it("reads back as events, each row with its own text and line", async () => {
    const events = await read(archiveText());
    expect(events.map((e) => e.kind)).toEqual([
      "header",
      "table",
      "row",
      "row",
      "tableEnd",
      "table",
      "tableEnd",
      "table",
      "row",
      "tableEnd",
    ]);
    expect(events[0]).toEqual({ kind: "header", header: HEADER });
    expect(events[2]).toMatchObject({ kind: "row", table: "User", json: '{"id":"u1","email":"a@example.test"}', line: 3 });
    expect(events[8]).toMatchObject({ kind: "row", table: "Template", row: { sections: [{ title: "Line\nbreak" }] }, line: 9 });
    expect(events[9]).toMatchObject({ kind: "tableEnd", table: "Template", rowCount: 1 });
  });

  it("accepts an archive without tables and blank lines after the end", async () => {
    expect(await read(`${headerLine(HEADER)}${END_LINE}\n\n`)).toEqual([{ kind: "header", header: HEADER }]);
  });
});

describe("refusals", () => {
  const lines = archiveText().split("\n");
  const edit = (index: number, replace: (line: string) => string | null) =>
    lines
      .map((l, i) => (i === index ? replace(l) : l))
      .filter((l) => l !== null)
      .join("\n");

  const cases: [string, () => string, RegExp][] = [
    ["an empty file", () => "", /^backup\.json, line 1: the file is empty$/],
    ["a file that is not JSON", () => "level,name\n1,SEV1\n", /line 1: not a Hindsight backup archive \(not JSON\)/],
    ["another JSON document", () => '{"format":"hindsight-incident","version":1}\n', /line 1: not a Hindsight backup archive/],
    [
      "the same data pretty-printed",
      () => JSON.stringify(JSON.parse(archiveText()), null, 2),
      /line 1: not a Hindsight backup archive/,
    ],
    [
      "another format on a header line",
      () => archiveText().replace("hindsight-backup", "hindsight-incident"),
      /line 1: not a Hindsight backup archive \(format "hindsight-incident"\)/,
    ],
    [
      "a later version",
      () => archiveText().replace('"version":1', '"version":2'),
      /line 1, field "version": archive version 2 is not supported/,
    ],
    [
      "a header without its creation time",
      () => archiveText().replace('"2026-11-26T10:00:00.000Z"', '"yesterday"'),
      /line 1: invalid header: createdAt/,
    ],
    ["an archive cut after a table", () => lines.slice(0, 5).join("\n"), /line 6: the archive is cut short/],
    ["an archive cut inside a row", () => [...lines.slice(0, 3), lines[3].slice(0, 20)].join("\n"), /line 4: not valid JSON/],
    ["a row without a column", () => edit(2, () => '{"id":"u1"},'), /line 3, field "email": a row of User lacks email/],
    [
      "a row with a column its table does not list",
      () => edit(2, () => '{"id":"u1","email":"a","role":"admin"},'),
      /line 3, field "role": .*does not list: role/,
    ],
    ["a row that is not an object", () => edit(2, () => '["u1","a"],'), /line 3: expected a row of User or the end of the table/],
    [
      "a wrong row count",
      () => edit(4, () => '],"rowCount":3},'),
      /line 5, field "rowCount": table User should have 3 rows but has 2/,
    ],
    [
      "a dropped row (comma before the table end)",
      () => edit(3, () => null),
      /line 4: the previous row of User ends with a comma, but no row follows/,
    ],
    [
      "a missing comma between rows",
      () => edit(2, (l) => l.slice(0, -1)),
      /line 4: expected the end of table User \(the previous row has no comma\)/,
    ],
    ["a table twice", () => edit(5, () => lines[1]), /line 6: table User appears twice/],
    ["content after the end", () => `${archiveText()}{"more":1}\n`, /line 12: unexpected content after the end of the archive/],
    ["a missing closing line", () => edit(10, () => "]"), /line 11: expected the closing line of the archive/],
  ];

  it.each(cases)("refuses %s, naming the file and line", async (_name, text, message) => {
    expect(await refusal(text())).toMatch(message);
  });
});

describe("rowLine", () => {
  it("turns line breaks between JSON tokens into spaces, leaving escaped ones in strings alone", () => {
    const line = rowLine('{"a": {"b":\r\n 1}, "c": "x\\ny"}', false);
    expect(line).toBe('{"a": {"b":   1}, "c": "x\\ny"},\n');
    expect(JSON.parse(line.slice(0, -2))).toEqual({ a: { b: 1 }, c: "x\ny" });
  });
});
