/** Lower-case ASCII words joined by hyphens, for file names inside exports: "Café mémoire" → "cafe-memoire". */
export function fileNameSlug(text: string, maxLength: number): string {
  return text
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "-")
    .slice(0, maxLength);
}
