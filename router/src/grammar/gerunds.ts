/**
 * The gerund of a known verb, where the verb of a step stands: "forwarding 5 DAI to bob.eth", "disbursing …", "giving
 * bob 5 DAI", "tipping bob 2 DAI", "redeeming 50 USDC from aave" — the way chat users and fine-tuning sets write a
 * request ("sending 5 dai to bob pls"). A rule of English spelling, not a list: the stem, the stem with its silent "e"
 * ("disburs-ing" → "disburse"), or the stem with a doubled final consonant undone ("tipp-ing" → "tip"). Asked only at the
 * verb's place (./parser.ts `verbOf`), so "using" and "lending" elsewhere keep their readings; balance words
 * ("checking", "showing") are left to the rules that read them.
 */
export function gerundBase(word: string, verbKind: (word: string) => string | undefined): string | undefined {
  if (word.length < 6 || !word.endsWith('ing')) return undefined;
  const stem = word.slice(0, -3);
  const candidates = [stem, `${stem}e`];
  if (stem.length >= 3 && stem.at(-1) === stem.at(-2) && !'aeiou'.includes(stem.at(-1)!)) candidates.push(stem.slice(0, -1));
  return candidates.find((candidate) => {
    const kind = verbKind(candidate);
    return kind !== undefined && kind !== 'balance';
  });
}
