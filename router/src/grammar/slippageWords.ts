/**
 * Round 8: more ways to say a slippage bound. "price impact" names the same limit as "slippage" (how much worse
 * than the quote the swap may fill); "at most" / "no more than" before the rate bound it the way "max" does; and a
 * rate in basis points ("with 50 bps", "100bps") names nothing but a slippage in a request, so it needs no noun.
 * A percentage alone ("with 1%") still does: it could be a fee, a share or an amount.
 */
import type { Token } from './tokenize.js';

/** Bounds said before the rate: "with at most 2% …", "no more than 1% slippage". */
export const slippageBounds: readonly (readonly string[])[] = [
  ['at', 'most'],
  ['no', 'more', 'than'],
  ['not', 'more', 'than'],
  // Round 9: "with under 1% slippage", "within 0.5% slippage", "less than 1% slippage".
  ['less', 'than'],
  ['under'],
  ['below'],
  ['within'],
];

/**
 * Round 9: words that lead a slippage phrase after the step ("tolerate 1% slippage", "accepting 0.5% slippage"), beside
 * "with", "at", "allowing"; and, after the slippage noun, what names the bound ("slippage cap of 1%", "slippage
 * maximal 1%", "slippage threshold 0.5%").
 */
export const slippageLeads: readonly string[] = ['with', 'at', 'using', 'use', 'allowing', 'allow', 'keep', 'keeping', 'set', 'limit', 'cap', 'tolerate', 'tolerating', 'accept', 'accepting', 'within'];
export const slippageNounTails: readonly string[] = ['tolerance', 'limit', 'protection', 'cap', 'ceiling', 'threshold', 'setting', 'maximum', 'max'];
export const slippageRateLeads: readonly string[] = ['max', 'maximum', 'maximal', 'to', 'max.'];

/** How many words the slippage noun at `index` takes: 2 for "price impact", 1 for "slippage" and its slips, read by the caller. */
export function slippageWordLength(tokens: readonly Token[], index: number): number {
  const t = tokens[index];
  const next = tokens[index + 1];
  if (t?.kind === 'word' && t.lower === 'price' && next?.kind === 'word' && next.lower === 'impact') return 2;
  return 1;
}

/** Whether the rate read from `index` was said in basis points ("50 bps", "50bps", "50 basis points"). */
export function rateInBasisPoints(tokens: readonly Token[], index: number): boolean {
  const unit = tokens[index + 1];
  return unit?.kind === 'word' && ['bps', 'bp', 'bip', 'bips', 'basis'].includes(unit.lower);
}

/**
 * Round 9: the user's own consent said around the bound: "i can live with 1% slippage", "i'm fine with 0.5% slippage"
 * lead it like "with"; "1% slippage is fine", "slippage of 1% is ok" close it. Said only of a slippage phrase, so
 * the words never stand for anything else.
 */
export const slippageConsentLeads: readonly (readonly string[])[] = [
  ['i', 'can', 'live', 'with'], ['i', 'can', 'accept'], ['i', 'accept'], ["i'll", 'accept'], ['i', 'will', 'accept'],
  ["i'm", 'fine', 'with'], ["i'm", 'ok', 'with'], ["i'm", 'okay', 'with'], ['i', 'am', 'fine', 'with'], ['i', 'am', 'ok', 'with'], ['i', 'am', 'okay', 'with'],
  ['im', 'fine', 'with'], ['im', 'ok', 'with'],
];
export const slippageConsentTails: readonly (readonly string[])[] = [
  ['is', 'fine', 'by', 'me'], ['is', 'ok', 'by', 'me'], ['is', 'fine'], ['is', 'ok'], ['is', 'okay'], ['is', 'acceptable'], ['is', 'good'], ['is', 'alright'], ['works'],
];
