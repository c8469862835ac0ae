import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "@/lib/actions/csv";

describe("csvField", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [42, "42"],
    [true, "true"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line1\nline2", '"line1\nline2"'],
    ["cr\rhere", '"cr\rhere"'],
    ["crlf\r\nhere", '"crlf\r\nhere"'],
    ['"', '""""'],
    [" spaced ", " spaced "],
  ])("%j → %j", (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["=1,2", '"\'=1,2"'],
    ["a=b", "a=b"],
  ])("neutralises formula %j → %j", (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it("leaves numbers alone, even negative ones", () => {
    expect(csvField(-3)).toBe("-3");
  });
});

describe("toCsv", () => {
  it("joins rows with CRLF and ends with one", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["c,d", 'e"f'],
      ]),
    ).toBe('a,b\r\n"c,d","e""f"\r\n');
  });
});
