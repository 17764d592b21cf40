/**
 * Round 8: words that put steps in order without naming a time. "followed by", "once done", "once that's complete"
 * say only that the next step comes after the one before, like "after that"; they wait for nothing outside the
 * request, so they join steps where "once the market opens" (a time clause) is refused.
 *
 * Plain data beside the lexicon's clause joiners; the parser reads them with the other joiners, and the time-clause
 * check asks {@link stepOrderAfterSubordinator} before refusing "once". ("when that's done" stays refused: the frame
 * reads "when" as a condition before the parser sees it.)
 */

/** The states a step is in when the next one starts: "done", "complete", "finished". */
const doneWords: readonly string[] = ['done', 'complete', 'completed', 'finished'];
/** What "once" may name before the state: nothing, or the step before ("that's", "it is", "this is"). */
const doneSubjects: readonly (readonly string[])[] = [
  [],
  ['that', 'is'], ["that's"], ['thats'], ['that', 'has', 'been'], ["that's", 'been'],
  ['it', 'is'], ["it's"], ['its'], ['it', 'has', 'been'],
  ['this', 'is'], ['this', 'has', 'been'],
];

/** "once done", "and once that's done", "once it's complete", "followed by", "and followed by". */
export const stepOrderJoiners: readonly (readonly string[])[] = [
  ...doneSubjects.flatMap((subject) => doneWords.flatMap((done) => [['and', 'once', ...subject, done], ['once', ...subject, done]])),
  // "then immediately send …", "and right away stake …": no time to wait for, the next step at once.
  ...['then', 'and', 'and then'].flatMap((joiner) =>
    [['immediately'], ['right', 'away'], ['straight', 'away'], ['directly']].map((now) => [...joiner.split(' '), ...now]),
  ),
  // Round 9: "right after that send …", "and immediately after that stake …": the next step at once.
  ...['right', 'straight', 'immediately', 'directly'].flatMap((now) => [['and', now, 'after', 'that'], [now, 'after', 'that'], ['and', now, 'after', 'this'], [now, 'after', 'this']]),
  ['and', 'followed', 'by'],
  ['followed', 'by'],
  ['and', 'then', 'followed', 'by'],
];

/**
 * How many words after a time subordinator ("once") only say the step before is finished ("once done", "once that's
 * complete"): the parser reads them as a step joiner when a step follows them; else 0 (a time clause). `word(k)` is
 * the k-th lower-cased word after the subordinator, undefined past a mark or the end.
 */
export function stepOrderAfterSubordinator(head: string, word: (k: number) => string | undefined): number {
  if (head !== 'once') return 0;
  const subject = doneSubjects
    .filter((words) => words.every((w, k) => word(k) === w) && doneWords.includes(word(words.length) ?? ''))
    .sort((a, b) => b.length - a.length)[0];
  return subject === undefined ? 0 : subject.length + 1;
}
