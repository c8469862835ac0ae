/** One run of a diff: text both sides share, or text only the old (delete) or new (insert) side has. */
export type DiffPart = { op: "equal" | "insert" | "delete"; text: string };

/** Longest-common-subsequence diff of two token lists; inputs are capped so it stays O(n·m) small. */
export function diffTokens(a: string[], b: string[]): DiffPart[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart["op"], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push("equal", a.slice(0, start).join(""));

  if (midA.length * midB.length > 4_000_000) {
    // Too large to align precisely: show it as a replacement rather than stall the server.
    push("delete", midA.join(""));
    push("insert", midB.join(""));
  } else {
    const n = midA.length;
    const m = midB.length;
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push("equal", midA[i]);
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        push("delete", midA[i++]);
      } else {
        push("insert", midB[j++]);
      }
    }
    while (i < n) push("delete", midA[i++]);
    while (j < m) push("insert", midB[j++]);
  }
  push("equal", a.slice(endA).join(""));
  return parts;
}

/** Words and the whitespace between them are separate tokens, so spacing changes show too. */
export function diffWords(oldText: string, newText: string): DiffPart[] {
  const tokenize = (s: string) => s.match(/\s+|[^\s]+/g) ?? [];
  return diffTokens(tokenize(oldText), tokenize(newText));
}

/** Whole lines (each keeps its newline). */
export function diffLines(oldText: string, newText: string): DiffPart[] {
  const tokenize = (s: string) => s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  return diffTokens(tokenize(oldText), tokenize(newText));
}
