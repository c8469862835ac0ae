import { describe, expect, it } from "vitest";
import { sniffImageType } from "@/lib/attachments/sniff";

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);

describe("sniffImageType", () => {
  it.each([
    ["png", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), "image/png"],
    ["jpeg", bytes(0xff, 0xd8, 0xff, 0xe0), "image/jpeg"],
    ["gif89a", new TextEncoder().encode("GIF89a......"), "image/gif"],
    ["gif87a", new TextEncoder().encode("GIF87a......"), "image/gif"],
    ["webp", new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "), "image/webp"],
    ["svg", new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"), null],
    ["html", new TextEncoder().encode("<html><script>alert(1)</script>"), null],
    ["wav (RIFF but not WEBP)", new TextEncoder().encode("RIFF\0\0\0\0WAVEfmt "), null],
    ["empty", new Uint8Array(), null],
  ])("%s", (_name, input, expected) => {
    expect(sniffImageType(input)).toBe(expected);
  });
});
