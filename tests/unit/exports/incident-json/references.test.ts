import { describe, expect, it } from "vitest";
import { canonicalJson, idsIn, mapReferences, sortByKey, withoutIds } from "@/lib/exports/incident-json/references";

describe("mapReferences", () => {
  const snapshot = {
    id: "ck1",
    incidentId: "inc1",
    text: "ck1 is mentioned in text and stays",
    roles: [{ role: "commander", userId: "u1" }],
    memberIds: ["u1", "u2"],
    content: { type: "doc", content: [{ type: "image", attrs: { src: "/api/v1/attachments/a1", alt: "ck1" } }] },
    services: [{ serviceId: "s1", service: { id: "s1", name: "api", teamId: null } }],
  };
  const map = {
    id: (v: string) => ({ ck1: "event:1", inc1: "incident", u1: "user:a@example.test", s1: "service:api" })[v] ?? null,
    attachment: (v: string) => (v === "a1" ? "attachment:1" : null),
  };

  it("replaces ids in id fields and attachment sources, and nothing people wrote", () => {
    expect(mapReferences(snapshot, map)).toEqual({
      id: "event:1",
      incidentId: "incident",
      text: "ck1 is mentioned in text and stays",
      roles: [{ role: "commander", userId: "user:a@example.test" }],
      memberIds: ["user:a@example.test", null],
      content: { type: "doc", content: [{ type: "image", attrs: { src: "/api/v1/attachments/attachment:1", alt: "ck1" } }] },
      services: [{ serviceId: "service:api", service: { id: "service:api", name: "api", teamId: null } }],
    });
  });

  it("leaves a source pointing at an unknown file as it is", () => {
    const doc = { attrs: { src: "/api/v1/attachments/elsewhere" } };
    expect(mapReferences(doc, map)).toEqual(doc);
  });

  it("collects the values of id fields and blanks them for ordering", () => {
    expect([...idsIn(snapshot)].sort()).toEqual(["ck1", "inc1", "s1", "u1", "u2"]);
    expect(withoutIds({ id: "x", authorId: "y", text: "z" })).toEqual({ id: null, authorId: null, text: "z" });
  });
});

describe("canonicalJson", () => {
  it("gives equal text for equal values whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: "1" }));
  });
});

describe("sortByKey", () => {
  it("orders by each part in turn: nulls first, numbers and dates by value, text by code unit", () => {
    const rows = [
      { n: 10, t: "b", d: new Date(2) },
      { n: 9, t: "b", d: new Date(2) },
      { n: 9, t: "B", d: new Date(2) },
      { n: null, t: "z", d: new Date(1) },
      { n: 9, t: "B", d: new Date(1) },
    ];
    expect(sortByKey(rows, (r) => [r.n, r.t, r.d])).toEqual([rows[3], rows[4], rows[2], rows[1], rows[0]]);
  });
});
