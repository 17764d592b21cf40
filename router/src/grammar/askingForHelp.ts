/**
 * Asking for help or assistance before the request, the way fine-tuning sets and assistant chats phrase it: "Could you
 * assist me in sending 0.2 ETH to bob.eth?", "Kindly assist me with transferring …", "I need assistance sending …",
 * "help me with swapping …", "assist me to wrap …". A grammar, not a list of sentences: a helping verb ("help",
 * "assist"), who is helped ("me", "us"; "assist" needs one or a particle after it), and the particle that joins the
 * request ("in", "with", "to"); or a wish for help as a noun ("I need help / assistance (with)"). The words are
 * filler of ./lexicon.ts `leadingFiller`: skipped only when an action verb (or its gerund) follows, and the frame has
 * already looked at the whole sentence for negation, conditions, the past and other people ("bob needs help sending
 * …" is someone else's wish, never read as the speaker's).
 */
const helpingVerbs = ['help', 'assist'] as const;
const helped = ['me', 'us'] as const;
const joiners = ['in', 'with', 'to'] as const;
const wishes: readonly (readonly string[])[] = [['i', 'need'], ['we', 'need'], ['need'], ["i'd", 'like'], ['i', 'would', 'like'], ['i', 'want'], ['i', 'require'], ['requesting']];
const helpNouns = ['help', 'assistance', 'your help', 'your assistance'] as const;

function phrases(): string[][] {
  const out: string[][] = [];
  for (const verb of helpingVerbs) {
    for (const joiner of joiners) {
      for (const who of helped) out.push([verb, who, joiner]);
      out.push([verb, joiner]);
    }
    for (const who of helped) if (verb === 'assist') out.push([verb, who]);
  }
  for (const wish of wishes)
    for (const noun of helpNouns)
      for (const joiner of [undefined, 'with', 'in'] as const) out.push([...wish, ...noun.split(' '), ...(joiner ? [joiner] : [])]);
  return out;
}

/** Lead-ins that ask for help with the request that follows; each is filler before an action verb. */
export const helpLeadIns: readonly (readonly string[])[] = phrases();
