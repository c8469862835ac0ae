/**
 * Typography for narrative HTML, shared by the editor and the server-rendered read-only view, so
 * both look the same (Tailwind's preflight resets lists, headings and tables).
 */
export const NARRATIVE_CONTENT_CLASS = [
  "narrative-content space-y-2",
  "[&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold",
  "[&_ul]:list-disc [&_ul]:pl-6 [&_ol]:list-decimal [&_ol]:pl-6",
  "[&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600",
  "[&_code]:font-mono [&_code]:text-[0.9em] [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-2 dark:[&_pre]:bg-slate-800",
  "[&_a]:text-blue-700 [&_a]:underline dark:[&_a]:text-blue-300 [&_img]:max-w-full [&_hr]:border-slate-300",
  "[&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:bg-slate-50 [&_th]:px-2 dark:[&_th]:bg-slate-800",
].join(" ");
