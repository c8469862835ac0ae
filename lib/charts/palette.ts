/**
 * Colours for chart tokens in light and dark themes. Light values are Tailwind's 600 shades, dark
 * ones the 400 shades: both keep at least 3:1 contrast against the card backgrounds (white, slate-900).
 */
import type { AnnotationTone, ChartColor } from "@/lib/charts/spec";

export type ChartTheme = "light" | "dark";

const SERIES: Record<ChartTheme, Record<ChartColor, string>> = {
  light: {
    blue: "#2563eb",
    orange: "#ea580c",
    green: "#16a34a",
    red: "#dc2626",
    purple: "#9333ea",
    teal: "#0d9488",
    pink: "#db2777",
    gray: "#4b5563",
  },
  dark: {
    blue: "#60a5fa",
    orange: "#fb923c",
    green: "#4ade80",
    red: "#f87171",
    purple: "#c084fc",
    teal: "#2dd4bf",
    pink: "#f472b6",
    gray: "#9ca3af",
  },
};

/** Shaded windows are faint fills; lines use the full colour. */
const TONES: Record<ChartTheme, Record<AnnotationTone, { fill: string; line: string }>> = {
  light: {
    good: { fill: "rgba(22, 163, 74, 0.12)", line: "#15803d" },
    bad: { fill: "rgba(220, 38, 38, 0.12)", line: "#b91c1c" },
    neutral: { fill: "rgba(100, 116, 139, 0.14)", line: "#475569" },
  },
  dark: {
    good: { fill: "rgba(74, 222, 128, 0.16)", line: "#4ade80" },
    bad: { fill: "rgba(248, 113, 113, 0.16)", line: "#f87171" },
    neutral: { fill: "rgba(148, 163, 184, 0.18)", line: "#94a3b8" },
  },
};

/** Text, grid and tooltip colours (slate scale), matching the app's card colours. */
const CHROME: Record<ChartTheme, { text: string; grid: string; tooltipBackground: string; tooltipText: string }> = {
  light: { text: "#334155", grid: "rgba(148, 163, 184, 0.35)", tooltipBackground: "#0f172a", tooltipText: "#f8fafc" },
  dark: { text: "#cbd5e1", grid: "rgba(71, 85, 105, 0.55)", tooltipBackground: "#f8fafc", tooltipText: "#0f172a" },
};

export function seriesColor(color: ChartColor, theme: ChartTheme): string {
  return SERIES[theme][color];
}

export function toneColors(tone: AnnotationTone, theme: ChartTheme) {
  return TONES[theme][tone];
}

export function chromeColors(theme: ChartTheme) {
  return CHROME[theme];
}
