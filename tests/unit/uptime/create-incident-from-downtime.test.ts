import { describe, expect, it } from "vitest";
import { downDescription } from "@/lib/uptime/create-incident-from-downtime";

describe("what a downtime window's failing checks said", () => {
  it("gives the codes and the first message, without repeating the code", () => {
    const table: [{ code: number | null; message: string }[], string][] = [
      [[{ code: 503, message: "Service Unavailable" }], "503: Service Unavailable"],
      [[{ code: 403, message: "403 in 68ms" }], "403 in 68ms"],
      [
        [
          { code: 502, message: "" },
          { code: 504, message: "" },
          { code: 502, message: "" },
        ],
        "502, 504",
      ],
      [[{ code: null, message: "timeout of 48000ms exceeded" }], "timeout of 48000ms exceeded"],
      [[{ code: null, message: "" }], ""],
      [[], ""],
    ];
    for (const [checks, text] of table) expect(downDescription(checks)).toBe(text);
  });
});
