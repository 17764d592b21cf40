/**
 * The grammar's vocabulary: verbs, filler, chain names, number words. Plain data, so the productions in
 * ./parser.ts read as grammar and the word lists can grow without touching them.
 */

/** The production a verb starts. `buy` and `get` are exact-output swaps when an amount follows the verb. */
export type VerbKind =
  | 'transfer'
  | 'swap'
  | 'sell'
  | 'buy'
  | 'get'
  | 'wrap'
  | 'unwrap'
  | 'stake'
  | 'unstake'
  | 'claim'
  | 'approve'
  | 'allow'
  | 'revoke'
  | 'balance';

export const verbs: ReadonlyMap<string, VerbKind> = new Map<string, VerbKind>([
  ['send', 'transfer'],
  ['transfer', 'transfer'],
  ['pay', 'transfer'],
  ['give', 'transfer'],
  ['tip', 'transfer'],
  ['move', 'transfer'],
  ['swap', 'swap'],
  ['trade', 'swap'],
  ['exchange', 'swap'],
  ['convert', 'swap'],
  ['sell', 'sell'],
  ['buy', 'buy'],
  ['purchase', 'buy'],
  ['get', 'get'],
  ['wrap', 'wrap'],
  ['unwrap', 'unwrap'],
  ['stake', 'stake'],
  ['unstake', 'unstake'],
  ['claim', 'claim'],
  ['harvest', 'claim'],
  ['collect', 'claim'],
  ['approve', 'approve'],
  ['allow', 'allow'],
  ['revoke', 'revoke'],
  ['unapprove', 'revoke'],
  ['disallow', 'revoke'],
  ['balance', 'balance'],
  ['balances', 'balance'],
  ['portfolio', 'balance'],
  ['holdings', 'balance'],
  ['show', 'balance'],
  ['check', 'balance'],
  ['view', 'balance'],
  ['display', 'balance'],
  ['list', 'balance'],
  ['what', 'balance'],
  ["what's", 'balance'],
  ['whats', 'balance'],
  ['how', 'balance'],
  ['my', 'balance'],
  ['do', 'balance'],
]);

/**
 * Verbs long enough that a one-letter slip is still unambiguous ("sned", "aprove"). Short verbs (pay, buy,
 * get) are left out: at distance 1 they collide with ordinary words.
 */
export const fuzzyVerbs: readonly string[] = [...verbs.keys()].filter(
  (verb) => verb.length >= 4 && !['what', "what's", 'whats', 'show', 'list', 'view', 'tip', 'give', 'get'].includes(verb),
);

/** Filler that may open a clause: politeness, "I want to", "can you". Longest phrases first. */
export const leadingFiller: readonly (readonly string[])[] = [
  ['i', 'would', 'like', 'you', 'to'],
  ['i', 'would', 'like', 'to'],
  ["i'd", 'like', 'you', 'to'],
  ["i'd", 'like', 'to'],
  ['id', 'like', 'to'],
  ['i', 'want', 'you', 'to'],
  ['i', 'want', 'to'],
  ['i', 'need', 'to'],
  ['i', 'need', 'you', 'to'],
  ['i', 'wanna'],
  ['i', 'want'],
  ['want', 'to'],
  ['go', 'ahead', 'and'],
  ['help', 'me'],
  ['can', 'you'],
  ['could', 'you'],
  ['would', 'you'],
  ['will', 'you'],
  ['can', 'u'],
  ["let's"],
  ['lets'],
  ['let', 'me'],
  ['please'],
  ['pls'],
  ['plz'],
  ['kindly'],
  ['hey'],
  ['hi'],
  ['ok'],
  ['okay'],
  ['so'],
  ['now'],
  ['just'],
  ['first'],
  ['firstly'],
  ['also'],
  ['quickly'],
];

/** Filler tolerated once a clause is complete: "for me", "please", "thanks". */
export const trailingFiller: readonly (readonly string[])[] = [
  ['for', 'me', 'please'],
  ['for', 'me'],
  ['right', 'now'],
  ['thank', 'you'],
  ['please'],
  ['pls'],
  ['plz'],
  ['thanks'],
  ['thx'],
  ['now'],
  ['asap'],
  ['quickly'],
];

/** Words that join two clauses ("… then …", "… and then …"); punctuation `, ; .` and new lines join too. */
export const clauseJoiners: readonly (readonly string[])[] = [
  ['and', 'then'],
  ['after', 'that'],
  ['and', 'after', 'that'],
  ['then'],
  ['and'],
  ['afterwards'],
  ['next'],
  ['finally'],
  ['also'],
  ['plus'],
];

/** Chain words after "on"/"via": lower-case viem chain names. */
export const chainPhrases: readonly { words: readonly string[]; chain: string }[] = [
  { words: ['ethereum', 'mainnet'], chain: 'mainnet' },
  { words: ['eth', 'mainnet'], chain: 'mainnet' },
  { words: ['mainnet'], chain: 'mainnet' },
  { words: ['ethereum'], chain: 'mainnet' },
  { words: ['base', 'sepolia'], chain: 'baseSepolia' },
  { words: ['base'], chain: 'base' },
  { words: ['arbitrum', 'one'], chain: 'arbitrum' },
  { words: ['arbitrum'], chain: 'arbitrum' },
  { words: ['optimism'], chain: 'optimism' },
  { words: ['polygon'], chain: 'polygon' },
  { words: ['sepolia'], chain: 'sepolia' },
  { words: ['anvil'], chain: 'anvil' },
  { words: ['devnet'], chain: 'anvil' },
  { words: ['local', 'devnet'], chain: 'anvil' },
  { words: ['local', 'chain'], chain: 'anvil' },
  { words: ['local', 'network'], chain: 'anvil' },
  { words: ['local', 'node'], chain: 'anvil' },
  { words: ['localhost'], chain: 'anvil' },
  { words: ['local'], chain: 'anvil' },
];

/** Every word a chain phrase can start with; such a word is never a recipient name. */
export const chainWords: ReadonlySet<string> = new Set(['mainnet', 'base', 'arbitrum', 'optimism', 'polygon', 'sepolia', 'anvil', 'devnet', 'localhost']);

/** Number words ("five" → "5"). */
export const numberWords: ReadonlyMap<string, string> = new Map(
  [
    'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
    'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
  ].map((word, index) => [word, String(index)] as const),
);

/** Scale words and suffixes: "1.5k", "2 million". Value is the power of ten. */
export const scaleSuffixes: ReadonlyMap<string, number> = new Map([
  ['k', 3],
  ['m', 6],
  ['b', 9],
  ['bn', 9],
  ['thousand', 3],
  ['million', 6],
  ['billion', 9],
]);

/** Spellings of the native asset that are not its symbol. */
export const nativeAliases: ReadonlySet<string> = new Set(['eth', 'ether', 'ethers', 'Ξ', 'ξ', 'ethereum']);

/** Words that describe a token rather than name it: "5 LUCID tokens". */
export const tokenNouns: ReadonlySet<string> = new Set(['token', 'tokens', 'coin', 'coins']);

export const approvalNouns: ReadonlySet<string> = new Set(['approval', 'approvals', 'allowance', 'allowances', 'permission', 'permissions']);

export const rewardNouns: ReadonlySet<string> = new Set(['reward', 'rewards', 'emissions', 'yield', 'earnings']);

export const unlimitedWords: ReadonlySet<string> = new Set(['unlimited', 'infinite', 'max', 'maximum', 'uncapped']);

/** Words a balance question is made of besides a token and a chain. */
export const balanceWords: ReadonlySet<string> = new Set([
  'what', "what's", 'whats', 'is', 'are', 'my', 'me', 'show', 'check', 'view', 'see', 'display', 'list', 'get', 'tell',
  'the', 'of', 'in', 'for', 'do', 'does', 'i', 'have', 'own', 'hold', 'how', 'much', 'many', 'all', 'token', 'tokens',
  'assets', 'wallet', 'account', 'current', 'total', 'worth', 'balance', 'balances', 'portfolio', 'holdings', 'please',
  'whole', 'entire', 'left', 'got', "i've", 'there', 'up', 'can', 'you', 'could', 'a', 'any',
]);

/** A balance question needs one of these to be one (so "my usdc" alone is not a question). */
export const balanceMarkers: ReadonlySet<string> = new Set([
  'show', 'check', 'view', 'display', 'list', 'balance', 'balances', 'portfolio', 'holdings', 'much', 'many', 'have', 'own', 'hold', 'wallet', 'assets', 'got', 'left',
]);

/** Words that can never be a contact name, so "send 5 USDC to the" fails instead of paying "the". */
export const reservedWords: ReadonlySet<string> = new Set([
  ...verbs.keys(),
  ...numberWords.keys(),
  ...scaleSuffixes.keys(),
  ...chainWords,
  ...tokenNouns,
  ...approvalNouns,
  ...rewardNouns,
  ...unlimitedWords,
  'to', 'for', 'from', 'into', 'with', 'using', 'on', 'via', 'of', 'and', 'then', 'or', 'the', 'a', 'an', 'my', 'me',
  'myself', 'i', 'you', 'it', 'them', 'all', 'half', 'everything', 'exactly', 'slippage', 'please', 'percent',
  'spend', 'spending', 'worth', 'locally', 'quarter', 'but', 'not', 'some', 'any', 'amount',
  ...trailingFiller.flat(),
  ...leadingFiller.filter((phrase) => phrase.length === 1).flat(),
]);
