/**
 * A ChartSpec as a PNG: the page's Chart.js configuration (chart-config.ts) drawn on an
 * @napi-rs/canvas canvas, for downloads and exports. Text uses DejaVu Sans from the
 * `dejavu-fonts-ttf` npm package, registered under a name of our own, so an image has the same
 * glyphs on every machine whatever fonts the system has.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { Chart, Title } from "chart.js";
import { CHART_COMPONENTS } from "@/lib/charts/chart-components";
import "chartjs-adapter-date-fns";
import { backgroundPlugin, chartConfiguration, type ChartJsConfiguration } from "@/lib/charts/chart-config";
import type { ChartTheme } from "@/lib/charts/palette";
import type { ChartSpec } from "@/lib/charts/spec";

// What the page registers (line and bar charts), plus the title an image draws inside itself.
Chart.register(...CHART_COMPONENTS, Title);

/** Our own family name: a system copy of DejaVu (or none at all) cannot change what is drawn. */
export const CHART_FONT_FAMILY = "Hindsight Chart Sans";
const CSS_FONT_FAMILY = `"${CHART_FONT_FAMILY}"`;

const FONT_FILES = ["dejavu-fonts-ttf/ttf/DejaVuSans.ttf", "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"];

/**
 * Node's own resolution from a base known only at run time. Bundlers rewrite a literal
 * `createRequire(import.meta.url).resolve(…)` (Turbopack and webpack turn it into a module id and
 * try to bundle the .ttf), so the base arrives as an argument they leave alone.
 */
function resolveFrom(base: string, specifier: string): string | null {
  try {
    const file = createRequire(base).resolve(specifier);
    return typeof file === "string" && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * This module's location first (plain Node: tests, scripts), then the working directory: inside a
 * .next build `import.meta.url` may name the source file at build time, while `next start` runs in
 * the project whose node_modules holds the package.
 */
export function chartFontFile(specifier: string): string {
  for (const base of [import.meta.url, path.join(process.cwd(), "package.json")]) {
    const file = resolveFrom(base, specifier);
    if (file) return file;
  }
  throw new Error(`Chart font "${specifier}" not found: install the dejavu-fonts-ttf package.`);
}

let fontRegistered = false;

/** Once per process: the regular and bold faces under one family, and Chart.js's default family. */
function registerChartFont(): void {
  if (fontRegistered) return;
  for (const specifier of FONT_FILES) {
    const file = chartFontFile(specifier);
    if (!GlobalFonts.registerFromPath(file, CHART_FONT_FAMILY)) throw new Error(`Could not load the chart font ${file}.`);
  }
  Chart.defaults.font.family = CSS_FONT_FAMILY;
  fontRegistered = true;
}

/** CSS pixels around the chart, like the card's padding on the page. */
const IMAGE_MARGIN = 16;

export type ChartPngOptions = {
  /** CSS pixels; the image is `width × scale` pixels wide. */
  width?: number;
  height?: number;
  theme?: ChartTheme;
  /** Pixels per CSS pixel: 2 gives a sharp image on high-density screens and in print. */
  scale?: number;
};

/** The page's configuration of `spec`, fixed to the canvas size, with the title inside and a filled background. */
export function pngChartConfiguration(spec: ChartSpec, theme: ChartTheme, scale: number): ChartJsConfiguration {
  const config = chartConfiguration(spec, theme, {
    fontFamily: CSS_FONT_FAMILY,
    animation: false,
    responsive: false,
    title: true,
    devicePixelRatio: scale,
  });
  return {
    ...config,
    // The page's card gives the chart a margin; an image needs its own.
    options: { ...config.options, layout: { padding: IMAGE_MARGIN } },
    plugins: [backgroundPlugin(theme), ...(config.plugins ?? [])],
  };
}

export async function renderChartPng(
  spec: ChartSpec,
  { width = 1200, height = 500, theme = "light", scale = 1 }: ChartPngOptions = {},
): Promise<Buffer> {
  registerChartFont();
  const canvas = createCanvas(width, height);
  // Chart.js takes any 2D context; away from a DOM it uses its basic platform (no events, no resizing).
  const context = canvas.getContext("2d") as unknown as CanvasRenderingContext2D;
  const chart = new Chart(context, pngChartConfiguration(spec, theme, scale));
  try {
    return await canvas.encode("png");
  } finally {
    chart.destroy();
  }
}
