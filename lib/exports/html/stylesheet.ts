/**
 * The HTML document's styles: readable on screen, and printable to A4 PDF from a browser. Print rules:
 * no navigation or screen-only chrome, long data sections start on a new page, headings stay with what
 * follows, table rows and figures are not split, header rows repeat, and link targets are printed.
 */
export const DOCUMENT_STYLESHEET = `
:root { color-scheme: light; --text: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --link: #0969da; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body {
  margin: 0; color: var(--text); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif, "Apple Color Emoji", "Segoe UI Emoji";
  line-height: 1.55;
}
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.6em; font-weight: 600; }
h1 { font-size: 2rem; margin-top: 0; }
h2 { font-size: 1.5rem; padding-bottom: 0.3em; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.25rem; }
h4 { font-size: 1.05rem; }
h5, h6 { font-size: 1rem; }
h1 + p { color: var(--muted); }
p, li, td, th, h1, h2, h3, h4, h5, h6, figcaption { unicode-bidi: plaintext; overflow-wrap: anywhere; }
a { color: var(--link); }
code { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.875em; }
:not(pre) > code { background: var(--soft); padding: 0.1em 0.35em; border-radius: 4px; }
pre { background: var(--soft); padding: 0.9rem 1rem; border-radius: 6px; overflow-x: auto; line-height: 1.45; }
blockquote { margin: 0 0 1rem; padding: 0 1em; color: var(--muted); border-left: 0.25em solid var(--line); }
table { border-collapse: collapse; margin: 0 0 1rem; display: block; max-width: 100%; overflow-x: auto; font-size: 0.9rem; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.7rem; vertical-align: top; }
th { background: var(--soft); }
th:not([align]) { text-align: left; }
tr:nth-child(2n) td { background: #fbfcfd; }
img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0; }
ul, ol { padding-left: 1.8em; }

@media print {
  @page { size: A4; margin: 18mm 16mm 20mm; }
  html { font-size: 10.5pt; }
  body { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; }
  nav, .no-print { display: none !important; }
  h2.page-break { break-before: page; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
  table { display: table; overflow: visible; font-size: 9pt; }
  thead { display: table-header-group; }
  tr, img, pre, blockquote { break-inside: avoid; page-break-inside: avoid; }
  pre { white-space: pre-wrap; }
  tr:nth-child(2n) td { background: none; }
  a { color: inherit; }
  a[href^="http"]:not(.bare-url)::after, a[href^="mailto:"]:not(.bare-url)::after {
    content: " (" attr(href) ")"; font-size: 0.85em; color: var(--muted); overflow-wrap: anywhere;
  }
}
`;
