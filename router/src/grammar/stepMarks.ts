/**
 * Marks that number a step, the way planners and chat users write lists: "1 - wrap …", "1/ swap …", "#1 wrap …",
 * "step one swap …", "step 2 - send …". A mark counts only when a verb follows it, so "send 5 - …" or "1/2 ETH"
 * keep their reading; the parser skips the mark like a new line between steps.
 */
import type { Token } from './tokenize.js';

const marks: ReadonlySet<string> = new Set([')', '.', '-', '/', ':', '–', '—']);

function isNumber(t: Token | undefined): boolean {
  return t !== undefined && ((t.kind === 'number' && /^\d{1,2}$/.test(t.value)) || t.kind === 'numberWord');
}

/** How many tokens the step mark at `index` takes (0 when none stands there); `isVerb` says which word is a verb. */
export function inlineStepMarkAt(tokens: readonly Token[], index: number, isVerb: (t: Token) => boolean): number {
  let k = index;
  const step = tokens[k]?.kind === 'word' && ['step', 'stage', 'part'].includes(tokens[k]!.lower);
  const hash = tokens[k]?.kind === 'punct' && tokens[k]!.value === '#';
  if (step || hash) k++;
  if (!isNumber(tokens[k])) return 0;
  if (tokens[k]!.kind === 'numberWord' && !step) return 0;
  k++;
  const mark = tokens[k];
  const marked = mark?.kind === 'punct' && marks.has(mark.value);
  // A bare number needs a mark after it ("1 - wrap"); "step one", "#1" need none.
  if (!marked && !step && !hash) return 0;
  if (marked) k++;
  const verb = tokens[k];
  return verb !== undefined && isVerb(verb) ? k - index : 0;
}
