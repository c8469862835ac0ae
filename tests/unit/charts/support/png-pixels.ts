/** Reading back rendered chart PNGs: decode to RGBA and count pixels in a box that match a colour test. */
import { createCanvas, loadImage } from "@napi-rs/canvas";

export type Pixels = { width: number; height: number; data: Uint8ClampedArray };
export type Rgb = [number, number, number];

export async function decode(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

export function rgb(p: Pixels, x: number, y: number): Rgb {
  const i = (Math.round(y) * p.width + Math.round(x)) * 4;
  return [p.data[i], p.data[i + 1], p.data[i + 2]];
}

export const near = (a: Rgb, b: Rgb, tolerance: number) =>
  Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) <= tolerance;

export function count(p: Pixels, box: { x0: number; x1: number; y0: number; y1: number }, match: (c: Rgb) => boolean) {
  let n = 0;
  for (let y = Math.round(box.y0); y < Math.round(box.y1); y++)
    for (let x = Math.round(box.x0); x < Math.round(box.x1); x++) if (match(rgb(p, x, y))) n++;
  return n;
}

export const WHITE: Rgb = [255, 255, 255];
