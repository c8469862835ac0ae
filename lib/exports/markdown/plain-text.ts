/**
 * A faster `text` handler for remark-stringify. Escaping (mdast-util-to-markdown's `safe`) tries every
 * unsafe pattern on every text node, about half the time of a 500-row timeline. Text made only of
 * letters and digits with single spaces between words cannot hold a pattern's character (checked
 * against the live pattern list, not assumed), so it is returned as is; everything else is escaped
 * as the default handler does. The output is identical either way (tests/unit/exports/plain-text.test.ts).
 */
import type { Options } from "remark-stringify";

type Handle = NonNullable<NonNullable<Options["handlers"]>["text"]>;
type State = Parameters<Handle>[2];
type Unsafe = State["unsafe"][number];

const PLAIN = /^[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*$/u;
const LETTER_DIGIT_OR_SPACE = /[\p{L}\p{N} ]/u;
const NEWLINE_CLASSES = new Set(["[\\r\\n]", "\\r", "\\n"]);

/** Patterns that could touch plain text: on a letter, digit or space, unless they need a newline next to it. */
const riskyByList = new WeakMap<Unsafe[], Unsafe[]>();

function riskyPatterns(unsafe: Unsafe[]): Unsafe[] {
  let risky = riskyByList.get(unsafe);
  if (!risky) {
    risky = unsafe.filter((p) => LETTER_DIGIT_OR_SPACE.test(p.character) && !needsAdjacentNewline(p));
    riskyByList.set(unsafe, risky);
  }
  return risky;
}

/** Inside plain text every character's neighbours are letters, digits or spaces: such a pattern cannot match. */
function needsAdjacentNewline(p: Unsafe): boolean {
  if (p.atBreak || p.beforeNode || p.afterNode || /[\p{L}\p{N}]/u.test(p.character)) return false;
  return (
    (typeof p.before === "string" && NEWLINE_CLASSES.has(p.before)) ||
    (typeof p.after === "string" && NEWLINE_CLASSES.has(p.after))
  );
}

/** mdast-util-to-markdown's own scope rule (pattern-in-scope.js). */
function inScope(stack: State["stack"], p: Unsafe): boolean {
  return listInScope(stack, p.inConstruct, true) && !listInScope(stack, p.notInConstruct, false);
}

function listInScope(stack: State["stack"], list: Unsafe["inConstruct"], none: boolean): boolean {
  if (list === undefined || list === null) return none;
  const names = typeof list === "string" ? [list] : list;
  return names.some((name) => stack.includes(name));
}

export const plainTextHandler: Handle = (node, parent, state, info) => {
  if (PLAIN.test(node.value) && !riskyPatterns(state.unsafe).some((p) => inScope(state.stack, p))) return node.value;
  // The default text handler (mdast-util-to-markdown/lib/handle/text.js), which remark-stringify does not export.
  const siblings = parent ? parent.children : [];
  const index = state.indexStack[state.indexStack.length - 1];
  return state.safe(node.value, { ...info, afterNode: siblings[index + 1], beforeNode: siblings[index - 1] });
};
