/**
 * The grammar's vocabulary: verbs, filler, chain names, number words. Plain data, so the productions in
 * ./parser.ts read as grammar and the word lists can grow without touching them.
 */
import { helpLeadIns } from './askingForHelp.js';
import { stepOrderJoiners } from './stepOrder.js';

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
  | 'balance'
  | 'supply'
  | 'withdraw'
  | 'deposit'
  | 'redeem'
  | 'use'
  | 'grant'
  | 'remove';

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
  // More ways to say send.
  ['dispatch', 'transfer'],
  ['forward', 'transfer'],
  ['remit', 'transfer'],
  ['wire', 'transfer'],
  ['disburse', 'transfer'],
  ['distribute', 'transfer'],
  ['shoot', 'transfer'],
  ['fire', 'transfer'],
  ['deliver', 'transfer'],
  ['reimburse', 'transfer'],
  ['refund', 'transfer'],
  ['fund', 'transfer'],
  ['hand', 'transfer'],
  ['beam', 'transfer'],
  ['chuck', 'transfer'],
  ['transmit', 'transfer'],
  ['pass', 'transfer'],
  ['remitting', 'transfer'],
  ['wiring', 'transfer'],
  ['snd', 'transfer'],
  ['sending', 'transfer'],
  ['transferring', 'transfer'],
  ['paying', 'transfer'],
  ['moving', 'transfer'],
  // More ways to say swap.
  ['flip', 'swap'],
  ['switch', 'swap'],
  ['dump', 'swap'],
  ['ape', 'swap'],
  ['offload', 'swap'],
  ['unload', 'swap'],
  ['rotate', 'swap'],
  ['route', 'swap'],
  ['change', 'swap'],
  ['turn', 'swap'],
  ['swapping', 'swap'],
  ['trading', 'swap'],
  ['exchanging', 'swap'],
  ['converting', 'swap'],
  ['selling', 'sell'],
  ['acquire', 'buy'],
  ['buying', 'buy'],
  ['purchasing', 'buy'],
  ['wrapping', 'wrap'],
  ['unwrapping', 'unwrap'],
  ['staking', 'stake'],
  ['unstaking', 'unstake'],
  ['claiming', 'claim'],
  ['approving', 'approve'],
  ['authorize', 'grant'],
  ['authorise', 'grant'],
  ['grant', 'grant'],
  ['let', 'grant'],
  ['permit', 'grant'],
  ['enable', 'grant'],
  ['set', 'grant'],
  ['reset', 'grant'],
  ['revoking', 'revoke'],
  ['cancel', 'revoke'],
  ['remove', 'remove'],
  // Lending, and the verbs whose target decides the action (WETH: wrap; a staking pool: stake; else supply).
  ['supply', 'supply'],
  ['supplying', 'supply'],
  ['lend', 'supply'],
  ['lending', 'supply'],
  ['earn', 'supply'],
  ['withdraw', 'withdraw'],
  ['retrieve', 'withdraw'],
  ['withdrawing', 'withdraw'],
  ['deposit', 'deposit'],
  ['invest', 'deposit'],
  ['depositing', 'deposit'],
  ['put', 'deposit'],
  ['grab', 'buy'],
  ['pick', 'buy'],
  ['add', 'deposit'],
  ['lock', 'deposit'],
  ['provide', 'deposit'],
  ['pull', 'withdraw'],
  ['take', 'withdraw'],
  ['redeem', 'redeem'],
  ['use', 'use'],
  ['top', 'transfer'],
  ['tell', 'balance'],
  ['see', 'balance'],
  ['bal', 'balance'],
  ['gimme', 'balance'],
  // Slang and shorthand (round 4): each one names its action without another reading.
  ['yeet', 'transfer'],
  ['slide', 'transfer'],
  ['ship', 'transfer'],
  ['tx', 'transfer'],
  ['xfer', 'transfer'],
  ['hit', 'transfer'],
  ['swp', 'swap'],
  ['zap', 'swap'],
  ['cash', 'swap'],
  ['bag', 'buy'],
  ['cop', 'buy'],
  ['park', 'deposit'],
  ['stick', 'deposit'],
  // Round 6: "load up on DAI with 1 ETH" (needs "up"), "liquidate 50 LUCID into USDC" (./frame.ts refuses it without an amount and a target).
  ['load', 'buy'],
  ['liquidate', 'swap'],
  // Round 7: giving verbs that only ever move funds to someone ("donate 15 DAI to alice.eth", "toss 2 DAI to carol").
  ['spend', 'use'],
  ['donate', 'transfer'],
  ['contribute', 'transfer'],
  ['push', 'transfer'],
  ['return', 'transfer'],
  ['toss', 'transfer'],
  ['throw', 'transfer'],
  ['fling', 'transfer'],
  ['lob', 'transfer'],
  ['sling', 'transfer'],
  ['donating', 'transfer'],
  // Merged round 7: more verbs that only ever give ("gift 0.05 ETH to dave.eth", "settle 40 USDC to dave.eth", "drop 3 USDC
  // to carol.eth"), and paying verbs that need their particle ("chip in", "cough up", "fork over", "shell out", "pony up").
  ['gift', 'transfer'],
  ['settle', 'transfer'],
  ['drop', 'transfer'],
  ['chip', 'transfer'],
  ['cough', 'transfer'],
  ['fork', 'transfer'],
  ['shell', 'transfer'],
  ['pony', 'transfer'],
  // Round 8: placing funds in a venue ("stash 100 DAI in aave", "allocate 500 USDC to aave", "commit 2 stETH to the
  // capital pool": the venue decides supply or stake), taking them out ("unlock my 2 stETH from the capital pool"),
  // and paying someone ("compensate bob with 10 DAI", "credit bob with 5 DAI", "award bob.eth 5 LUCID"). "unlend" stays unknown (`round-6-verbs.jsonl:194`).
  ['stash', 'deposit'],
  ['allocate', 'deposit'],
  ['commit', 'deposit'],
  ['unlock', 'withdraw'],
  ['compensate', 'transfer'],
  ['credit', 'transfer'],
  ['award', 'transfer'],
  // Round 9: giving a share ("allot 5 DAI to bob.eth"; a venue after "to" is refused as for any transfer), passing funds
  // on ("relay 5 DAI to bob.eth"), and getting funds back out of where they were placed ("reclaim / recover / draw 50 DAI
  // from aave").
  ['allot', 'transfer'],
  ['relay', 'transfer'],
  ['reclaim', 'withdraw'],
  ['recover', 'withdraw'],
  ['draw', 'withdraw'],
  // Passing funds along a way ("funnel / channel 50 DAI to carol.eth"), moving them like "move" ("shift 5 DAI to bob.eth";
  // "shift 50 USDC into DAI" converts, ./lexicon.ts motionVerbs), and chat words for covering a friend ("front / spot /
  // float bob 5 DAI"): each pays only a recipient; no recipient, or a venue after "to", stays refused.
  ['funnel', 'transfer'],
  ['channel', 'transfer'],
  ['shift', 'transfer'],
  ['front', 'transfer'],
  ['spot', 'transfer'],
  ['float', 'transfer'],
  // Paying as a reward or a favour ("reward bob.eth with 5 LUCID", "sponsor carol with 10 USDC", "bless bob with 5 DAI",
  // "bung bob 5 DAI"), "payout" written as one word, and paying verbs that need their particle ("dish out 5 DAI to bob").
  // Not "sweep": round 7 keeps "sweep 5 dai to bob" unknown (`round-7-verbs-lending.jsonl:68`).
  ['reward', 'transfer'],
  ['sponsor', 'transfer'],
  ['bless', 'transfer'],
  ['bung', 'transfer'],
  ['payout', 'transfer'],
  ['dish', 'transfer'],
]);

/** Paying verbs that mean paying only with their particle: "chip in 10 USDC", "cough up 5 DAI", "fork over 2 DAI". */
export const phrasalPayVerbs: ReadonlyMap<string, readonly string[]> = new Map([
  ['chip', ['in']],
  ['cough', ['up']],
  ['fork', ['over', 'out']],
  ['shell', ['out']],
  ['pony', ['up']],
  ['dish', ['out']],
]);

/**
 * Particles a verb of moving funds may take, right after the verb or after what is moved, without changing
 * the action: "hand over", "pass along", "fire off", "send 3 USDC along to carol", "trade in 50 LUCID for DAI".
 */
export const transferParticles: readonly string[] = ['over', 'out', 'off', 'along', 'across', 'forward'];
export const swapParticles: readonly string[] = ['off', 'out', 'in', 'away'];

/**
 * Verbs that name a direction rather than a trade ("route 5 USDC to alice.eth"): with a recipient after "to"
 * they pay; with a token they swap.
 */
/** Verbs of throwing, which aim "at" the one paid: "chuck 10 DAI at bob". */
export const throwVerbs: ReadonlySet<string> = new Set(['chuck', 'yeet', 'toss', 'throw', 'fling', 'lob', 'sling', 'shoot', 'fire']);

/** Verbs of motion that convert when what moves goes "into" a token: "move 50 USDC into DAI". */
export const motionVerbs: ReadonlySet<string> = new Set(['move', 'moving', 'shift', 'put']);

export const directionVerbs: ReadonlySet<string> = new Set(['route']);

/**
 * Light verbs and the action nouns they carry: "make a payment of", "carry out a trade of", "requesting a
 * swap of". The noun names the action; the light verb and the article are accounted for as its frame.
 */
export const lightVerbs: readonly (readonly string[])[] = [
  ['carry', 'out'], ['kick', 'off'], ['set', 'up'], ['go', 'ahead', 'with'], ['proceed', 'with'], ['continue', 'with'], ['make'], ['execute'], ['do'], ['initiate'], ['perform'], ['effect'], ['issue'], ['arrange'], ['process'],
  ['request'], ['requesting'], ['submit'], ['complete'], ['conduct'], ['send'], ['place'], ['start'], ['run'], ['i', 'hereby', 'request'],
  // Round 8: "put through a payment of …", "remit payment of …", "authorize a transfer of …".
  ['put', 'through'], ['remit'], ['authorize'], ['authorise'],
];
export const actionNouns: ReadonlyMap<string, VerbKind> = new Map<string, VerbKind>([
  ['payment', 'transfer'],
  ['transfer', 'transfer'],
  ['transaction', 'transfer'],
  ['trade', 'swap'],
  ['swap', 'swap'],
  ['exchange', 'swap'],
  ['conversion', 'swap'],
  ['sale', 'sell'],
  ['purchase', 'buy'],
  ['deposit', 'deposit'],
  ['withdrawal', 'withdraw'],
  ['withdraw', 'withdraw'],
  ['supply', 'supply'],
  ['approval', 'approve'],
  ['wrap', 'wrap'],
  ['unwrap', 'unwrap'],
  ['stake', 'stake'],
  // Gerunds as nouns, after a light verb or before "of": "perform a wrapping of 1 ETH", "the unstaking of 1 stETH".
  ['wrapping', 'wrap'],
  ['unwrapping', 'unwrap'],
  ['staking', 'stake'],
  ['unstaking', 'unstake'],
  ['swapping', 'swap'],
  ['exchanging', 'swap'],
  ['converting', 'swap'],
  ['transferring', 'transfer'],
  // Round 7: more gerunds after a light verb ("please do sending of 5 USDC to alice", "make a supplying of …").
  ['sending', 'transfer'],
  ['paying', 'transfer'],
  ['selling', 'sell'],
  ['buying', 'buy'],
  ['supplying', 'supply'],
  ['lending', 'supply'],
  ['depositing', 'deposit'],
  ['withdrawing', 'withdraw'],
  ['claiming', 'claim'],
  ['approving', 'approve'],
  ['revoking', 'revoke'],
]);

/** Venues and protocols by the words people use; the value is the contract's spelling. Longest first. */
export const venuePhrases: readonly { words: readonly string[]; venue: string }[] = [
  { words: ['uniswap', 'v2', 'fork'], venue: 'v2-fork' },
  { words: ['uniswap', 'v3'], venue: 'uniswap-v3' },
  { words: ['uniswap', 'v2'], venue: 'uniswap-v2' },
  { words: ['uniswap-v3'], venue: 'uniswap-v3' },
  { words: ['uniswap-v2'], venue: 'uniswap-v2' },
  { words: ['uniswapv3'], venue: 'uniswap-v3' },
  { words: ['uniswapv2'], venue: 'uniswap-v2' },
  { words: ['uni', 'v3'], venue: 'uniswap-v3' },
  { words: ['uni', 'v2'], venue: 'uniswap-v2' },
  { words: ['uniswap'], venue: 'uniswap' },
  // Round 8: the short name people type ("on uni", "via univ2"); after a venue's preposition only, never a token there.
  { words: ['univ3'], venue: 'uniswap-v3' },
  { words: ['univ2'], venue: 'uniswap-v2' },
  { words: ['uni-v3'], venue: 'uniswap-v3' },
  { words: ['uni-v2'], venue: 'uniswap-v2' },
  { words: ['uni'], venue: 'uniswap' },
  { words: ['v2', 'fork'], venue: 'v2-fork' },
  { words: ['v2-fork'], venue: 'v2-fork' },
  { words: ['uniswap-v2-fork'], venue: 'v2-fork' },
  { words: ['capital-pool'], venue: 'capital-pool' },
  { words: ['rocket-pool'], venue: 'rocket-pool' },
  { words: ['capital', 'pool'], venue: 'capital-pool' },
  { words: ['rocket', 'pool'], venue: 'rocket-pool' },
  { words: ['rocketpool'], venue: 'rocket-pool' },
  { words: ['trader', 'joe'], venue: 'trader-joe' },
  { words: ['cow', 'swap'], venue: 'cowswap' },
  { words: ['ether.fi'], venue: 'etherfi' },
  ...[
    'aave', 'compound', 'morpho', 'spark', 'euler', 'fluid', 'lido', 'enso', 'balancer', 'curve', 'sushiswap', 'sushi', '1inch', 'paraswap',
    'pancakeswap', 'kyberswap', 'kyber', 'cowswap', '0x', 'matcha', 'odos', 'openocean', 'velodrome', 'aerodrome', 'camelot', 'dodo',
    'bancor', 'maverick', 'frax', 'eigenlayer', 'etherfi', 'renzo', 'yearn', 'convex', 'pendle', 'maker', 'makerdao', 'sky', 'gmx', 'dydx',
    'hyperliquid', 'lifi', 'li.fi', 'socket', 'stargate', 'jupiter', 'raydium', 'orca',
  ].map((name) => ({ words: [name], venue: name.replace('.', '') })),
];

/** Venues where depositing means staking (so "deposit into the capital pool" is a stake). */
export const stakingVenues: ReadonlySet<string> = new Set(['capital-pool', 'lido', 'rocket-pool', 'eigenlayer', 'etherfi', 'renzo']);

/** Words that may follow a venue's name without changing it: "the Aave protocol", "my aave position". */
export const venueNouns: ReadonlySet<string> = new Set(['finance', 'lending', 'staking', 'protocol', 'pool', 'pools', 'position', 'market', 'markets', 'dex', 'exchange', 'router', 'vault', 'app', 'contract', 'contracts', 'aggregator', 'amm']);

/** Chains outside Lucid's world, refused by name (UNKNOWN_CHAIN) rather than read as a venue or a word. */
export const foreignChains: ReadonlySet<string> = new Set([
  'solana', 'sol', 'cosmos', 'cardano', 'aptos', 'sui', 'polkadot', 'algorand', 'ton', 'tron', 'bitcoin', 'btc', 'bsc', 'bnb', 'binance',
  'avalanche', 'avax', 'fantom', 'near', 'tezos', 'stellar', 'ripple', 'xrp', 'litecoin', 'dogecoin', 'hedera', 'celo', 'gnosis', 'zksync',
  'linea', 'scroll', 'blast', 'mantle', 'starknet', 'osmosis', 'kava', 'harmony', 'moonbeam', 'cronos', 'klaytn', 'flow', 'eos', 'zora',
  'metis', 'aurora', 'kusama', 'injective', 'sei', 'berachain', 'monad', 'ronin', 'taiko', 'manta', 'celestia', 'hyperevm', 'sonic',
  'unichain', 'ink', 'abstract', 'xdai', 'heco', 'okx', 'polygon-zkevm', 'zkevm', 'bnb-chain', 'terra', 'waves', 'iota', 'hive',
]);

/** Nouns for the person or place a transfer goes to, read before the name: "to my friend bob", "to wallet 0x…". */
export const recipientNouns: ReadonlySet<string> = new Set([
  'friend', 'friends', 'buddy', 'pal', 'mate', 'sister', 'brother', 'mom', 'mum', 'dad', 'mother', 'father', 'wife', 'husband', 'colleague',
  'coworker', 'co-worker', 'roommate', 'flatmate', 'cousin', 'boss', 'partner', 'son', 'daughter', 'uncle', 'aunt', 'landlord', 'contact',
  'recipient', 'wallet', 'address', 'account', 'ledger', 'treasury', 'other', 'ens', 'name', 'vault', 'safe', 'multisig', 'following',
  'spender', 'neighbour', 'neighbor', 'girlfriend', 'boyfriend', 'client', 'employee', 'team', 'dao', 'new', 'main', 'hardware', 'cold',
  'savings', 'trezor', 'metamask', 'person', 'user', 'guy', 'kid', 'niece', 'nephew', 'grandma', 'grandpa', 'teammate', 'accountant',
  'addr', 'frend', 'freind', 'fren',
  // round 8: "to this addy 0x…", "to the contract" (which?), "to the beneficiary: acme.eth".
  'addy', 'contract', 'beneficiary', 'payee', 'receiver', 'destination',
  // round 9: "to acct 0x…", "to the EOA at 0x…" (alone, which?).
  'acct', 'eoa',
]);

/** Words that start a purpose or aside clause, kept as a note: "for the rent", "so he can pay gas", "as a tip". */
export const noteStarters: ReadonlySet<string> = new Set([
  'for', 'so', 'as', 'because', 'since', 'cause', 'cuz', 'coz', 'just', 'testing', 'to', "it's", 'its', 'it', "that's", 'thats', 'this', 'which',
  'in', 'thanks', 'thank', 'thx', 'towards', 'toward', 'bc', 'b/c', 'on',
]);

/** After "to", the verbs that make it a purpose ("to test the pool") rather than a destination. */
export const purposeVerbs: ReadonlySet<string> = new Set([
  'test', 'cover', 'pay', 'check', 'try', 'see', 'make', 'have', 'use', 'save', 'keep', 'settle', 'fund', 'top', 'split', 'repay', 'help',
  'celebrate', 'thank', 'reimburse', 'refund', 'verify', 'confirm', 'prepare', 'rebalance', 'hedge', 'diversify', 'buy', 'get', 'trade',
  'say', 'earn', 'show', 'support', 'welcome', 'congratulate', 'reward', 'compensate', 'treat', 'contribute', 'cheer', 'apologize', 'apologise',
  'wish', 'start', 'bootstrap', 'seed', 'chip', 'match', 'pitch', 'spoil', 'surprise', 'honor', 'honour', 'tide', 'bail', 'square',
  // "supply 500 USDC to aave to earn yield": what a deposit is for.
  'earn', 'accrue', 'gain', 'grow', 'farm', 'generate',
  // Round 9: "sell 1 ETH for USDC to lock in profits", "… to reduce risk", "… to protect my gains".
  'lock', 'secure', 'reduce', 'lower', 'protect', 'book', 'realize', 'realise', 'derisk', 'de-risk', 'build', 'boost', 'increase', 'cut',
]);

/**
 * Verbs long enough that a one-letter slip is still unambiguous ("sned", "aprove", "withdarw"). Short verbs
 * (pay, buy, get, take, lend) are left out but for the commonest four: at distance 1 they collide with
 * ordinary words ("make" is not "take").
 */
export const fuzzyVerbs: readonly string[] = [...verbs.keys()].filter(
  (verb) =>
    (verb.length >= 5 || ['send', 'swap', 'sell', 'wrap', 'move', 'stake'].includes(verb)) &&
    !["what's", 'whats', 'hand', 'shoot', 'route', 'change', 'remove', 'tell', 'return', 'throw', 'fling', 'sling', 'unlock', 'commit', 'stash',
      // Round 9: never the correction of another word ("repay" is one edit from "relay": a refusal became a transfer).
      'relay', 'allot', 'reclaim', 'recover', 'funnel', 'channel', 'shift', 'front', 'float', 'reward', 'sponsor', 'bless', 'payout'].includes(verb),
);

/** Phrases sorted so the longest is tried first ("please to" before "please"); the sort is stable. */
function longestFirst(phrases: readonly (readonly string[])[]): readonly (readonly string[])[] {
  return [...phrases].sort((a, b) => b.length - a.length);
}

/** Filler that may open a clause: politeness, "I want to", "can you". Longest phrases first. */
export const leadingFiller: readonly (readonly string[])[] = longestFirst([
  // Round 9: "on my behalf, …", "if you don't mind, …", "go ahead n …", "help me out and …", "your task is to …".
  ['on', 'my', 'behalf'], ['acting', 'on', 'my', 'behalf'],
  ['if', 'you', "don't", 'mind'], ['if', 'you', 'dont', 'mind'], ['if', 'u', 'dont', 'mind'], ['if', 'u', "don't", 'mind'],
  ['go', 'ahead', 'n'], ['going', 'ahead', 'and'],
  ['help', 'me', 'out', 'and'], ['do', 'me', 'a', 'solid', 'and'], ['do', 'me', 'a', 'favor', 'and'], ['do', 'me', 'a', 'favour', 'and'],
  ['your', 'task', 'is', 'to'], ['your', 'job', 'is', 'to'],
  // Round 9 (18r): an adverb of certainty opening the request, "definitely send …", "absolutely swap …".
  ['definitely'], ['surely'], ['absolutely'], ['certainly'],
  // "I hope you're doing well. Could you …": a greeting's sentence; "I have a request: …", "my request is to …".
  ['i', 'hope', "you're", 'doing', 'well'], ['i', 'hope', 'you', 'are', 'doing', 'well'], ['hope', "you're", 'doing', 'well'], ['hope', 'you', 'are', 'doing', 'well'],
  ['i', 'hope', "you're", 'well'], ['i', 'hope', 'you', 'are', 'well'], ['i', 'hope', 'this', 'finds', 'you', 'well'], ['hope', 'this', 'finds', 'you', 'well'],
  ['i', 'hope', 'all', 'is', 'well'], ['hope', 'all', 'is', 'well'],
  ['i', 'have', 'a', 'request'], ['i', 'have', 'a', 'quick', 'request'], ['my', 'request', 'is', 'to'], ['the', 'task', 'is', 'to'], ['the', 'request', 'is', 'to'],
  // "can you take care of sending …", "please handle this: …", "please process the following: …".
  ['take', 'care', 'of'], ['handle', 'this'], ['handle', 'the', 'following'], ['process', 'this', 'request'], ['process', 'the', 'following'], ['process', 'this'],
  // "i think i'd like to stake …": the wish is said; "i think" only softens it ("i think i should …" stays a hedge).
  ['i', 'think', "i'd", 'like', 'to'], ['i', 'think', 'id', 'like', 'to'], ['i', 'think', 'i', 'would', 'like', 'to'],
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
  ['okay', 'to'],
  ['ok', 'to'],
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
  ['at', 'first'],
  ['also'],
  ['quickly'],
  ['i', 'need'],
  ['greetings'],
  ['please', 'you', 'can'],
  ['you', 'can'],
  ['can'],
  ['me', 'want', 'to'],
  ['me', 'want'],
  ['is', 'possible', 'to'],
  ['i', 'need', 'that', 'you'],
  ['i', 'want', 'that', 'you'],
  ['i', 'am', 'wanting'],
  ['i', 'hereby', 'instruct', 'you', 'to'],
  ['i', 'instruct', 'you', 'to'],
  ['i', 'kindly', 'request', 'that', 'you'],
  ['i', 'request', 'that', 'you'],
  ['i', 'kindly', 'ask', 'you', 'to'],
  ['i', 'ask', 'you', 'to'],
  ['we', 'would', 'like', 'to'],
  ["we'd", 'like', 'to'],
  ['we', 'want', 'to'],
  ['we', 'need', 'to'],
  ['it', 'would', 'be', 'great', 'if', 'you', 'could'],
  ['it', 'would', 'be', 'nice', 'if', 'you', 'could'],
  ["i'd", 'be', 'grateful', 'if', 'you', 'could'],
  ['i', 'would', 'be', 'grateful', 'if', 'you', 'could'],
  ['if', 'you', 'could'],
  ['if', 'you', 'can'],
  ['quick', 'favor'],
  ['quick', 'favour'],
  ['a', 'quick', 'one'],
  ['i', 'just', 'wanted', 'to', 'ask', 'you', 'to'],
  ['just', 'wanted', 'to', 'ask', 'you', 'to'],
  ['wanted', 'to', 'ask', 'you', 'to'],
  ['i', 'wanted', 'to', 'ask', 'you', 'to'],
  ["i'm", 'trying', 'to'],
  ['i', 'am', 'trying', 'to'],
  ["i'm", 'looking', 'to'],
  ['i', 'am', 'looking', 'to'],
  ["i'm", 'hoping', 'to'],
  ['i', 'am', 'hoping', 'to'],
  ["i'd", 'love', 'to'],
  ['i', 'would', 'love', 'to'],
  ['i', 'wish', 'to'],
  ['i', 'wish'],
  ['i', 'am', 'want', 'to'],
  ['i', 'am', 'want'],
  ['i', 'am', 'wanting', 'to'],
  ["i'm", 'in', 'a', 'hurry'],
  ['need', 'to'],
  ['please', 'be', 'so', 'kind', 'as', 'to'],
  ['be', 'so', 'kind', 'as', 'to'],
  ['do', 'me', 'a', 'favour', 'and'],
  ['do', 'me', 'a', 'favor', 'and'],
  ['may', 'i', 'ask', 'you', 'to'],
  ['is', 'it', 'possible', 'to'],
  ['would', 'you', 'mind'],
  ['would', 'you', 'kindly'],
  ['could', 'you', 'possibly'],
  ['could', 'you', 'kindly'],
  ['possibly'],
  ["i'd", 'appreciate', 'it', 'if', 'you', 'could'],
  ['i', 'would', 'appreciate', 'it', 'if', 'you', 'could'],
  ['please', 'proceed', 'to'],
  ['proceed', 'to'],
  ['please', 'execute', 'the', 'following'],
  ['execute', 'the', 'following'],
  ['please', 'confirm', 'and'],
  ['confirm', 'and'],
  ['help', 'me', 'to'],
  ['help'],
  // "I need your help to wrap 0.3 ETH", "time to claim my rewards!": the asking, then the verb.
  ['i', 'need', 'your', 'help', 'to'],
  ['need', 'your', 'help', 'to'],
  ['i', 'need', 'help', 'to'],
  // "could you assist me in sending …", "I need assistance with …", "help me with swapping …" (./askingForHelp.ts).
  ...helpLeadIns,
  ['time', 'to'],
  ["it's", 'time', 'to'],
  ['its', 'time', 'to'],
  ['sorry', 'to', 'bother', 'you'],
  ['sorry', 'to', 'bother'],
  ['quick', 'one'],
  ['quick', 'question'],
  ['at', 'your', 'earliest', 'convenience'],
  ['thx', 'in', 'advance'],
  ['thanks', 'in', 'advance'],
  ['good', 'morning'],
  ['good', 'afternoon'],
  ['good', 'evening'],
  ['good', 'day'],
  ['hey', 'there'],
  ['hi', 'there'],
  ['hello', 'there'],
  ['hello'],
  ['hiya'],
  ['heya'],
  ['heyy'],
  ['hiii'],
  ['hii'],
  ['yo'],
  ['gm'],
  ['morning'],
  ['dear'],
  ['cool'],
  ['alright'],
  ['allright'],
  ['urgent'],
  ['asap'],
  ['plese'],
  ['pleas'],
  ['please', 'to'],
  ['please', 'you'],
  ['you'],
  ['u'],
  ['cna', 'you'],
  ['can', 'yuo'],
  ['would', 'u'],
  ['could', 'u'],
]);

/** Names a request may address the assistant by ("Hey Lucid, …", "Claude:", "@lucid"): filler at a clause start. */
export const assistantNames: ReadonlySet<string> = new Set(['lucid', 'claude', 'chatgpt', 'gpt', 'assistant', 'bot', 'sir', 'madam', 'agent', 'ai', 'friend', 'mate', 'buddy', 'bro', 'fam', 'team']);

/** Filler tolerated once a clause is complete: "for me", "please", "thanks". */
export const trailingFiller: readonly (readonly string[])[] = longestFirst([
  ['i', 'guess'],
  ['that', 'i', 'own'],
  ['i', 'own'],
  ['i', 'hold'],
  ['on', 'my', 'behalf'],
  ['can', 'you', 'do', 'that'],
  ['can', 'u', 'do', 'that'],
  ['can', 'you', 'do', 'it'],
  ['can', 'u', 'do', 'it'],
  ['if', 'u', 'can'],
  ['too'],
  ['for', 'me', 'please'],
  ['for', 'me'],
  ['right', 'now'],
  ['right', 'away'],
  ['real', 'quick'],
  ['real', 'quickly'],
  ['quick'],
  ['thank', 'u'],
  ['thanks', 'u'],
  ['thank', 'you', 'in', 'advance'],
  ['if', 'possible'],
  ['if', 'you', "don't", 'mind'], ['if', 'you', 'dont', 'mind'], ['if', 'u', 'dont', 'mind'], ['if', 'u', "don't", 'mind'],
  ['on', 'my', 'behalf', 'please'],
  ['if', 'you', 'can'],
  ['when', 'you', 'can'],
  ['when', 'you', 'get', 'a', 'chance'],
  ['please', 'and', 'thank', 'you'],
  ['and', 'thank', 'you'],
  ['thank', 'you', 'very', 'much'],
  ['thank', 'you', 'so', 'much'],
  ['thank', 'you'],
  ['thanks', 'a', 'lot'],
  ['thanks', 'in', 'advance'],
  ['thx', 'in', 'advance'],
  ['thanks', 'so', 'much'],
  ['many', 'thanks'],
  ['please', 'confirm'],
  ['is', 'urgent'],
  ['it', 'is', 'urgent'],
  ["it's", 'urgent'],
  ['at', 'once'],
  ['immediately'],
  ['fast'],
  ['cheers'],
  ['ty'],
  ['tysm'],
  ['thnks'],
  ['thnx'],
  ['thanx'],
  ['plese'],
  ['urgently'],
  ['for', 'me', 'pls'],
  ['please'],
  ['pls'],
  ['plz'],
  ['thanks'],
  ['thank'],
  ['thx'],
  ['now'],
  ['at', 'your', 'earliest', 'convenience'],
  ['at', 'your', 'convenience'],
  ['asap'],
  ['quickly'],
]);

/** Words that join two clauses ("… then …", "… and then …"); punctuation `, ; .` and new lines join too. */
export const clauseJoiners: readonly (readonly string[])[] = [
  // Round 8 (./stepOrder.ts), first: "then immediately" before "then".
  ...stepOrderJoiners,
  ['and', 'then'],
  ['after', 'that'],
  ['and', 'after', 'that'],
  ['and', 'after', 'this'],
  ['and', 'after'],
  ['and', 'subsequently'],
  ['subsequently'],
  ['and', 'afterwards'],
  ['after', 'which'],
  ['and', 'finally'],
  ['then', 'finally'],
  ['and', 'lastly'],
  ['lastly'],
  ['secondly'],
  ['second'],
  ['thirdly'],
  ['third'],
  ['n'],
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
  // Round 8: the shorthand people type for Arbitrum and for Ethereum's layer 1 ("on arb", "on L1").
  { words: ['arb'], chain: 'arbitrum' },
  { words: ['ethereum', 'l1'], chain: 'mainnet' },
  { words: ['l1'], chain: 'mainnet' },
  // Round 9: "layer one" ("layer 1", a number, is read by the parser), "my local anvil".
  { words: ['layer', 'one'], chain: 'mainnet' },
  { words: ['local', 'anvil'], chain: 'anvil' },
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
const units = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const tens = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
export const numberWords: ReadonlyMap<string, string> = new Map([
  ...units.map((word, index) => [word, String(index)] as const),
  ...tens.flatMap((word, index) =>
    word
      ? [
          [word, String(index * 10)] as const,
          // "twenty-five", written with a hyphen as one word.
          ...units.slice(1, 10).map((unit, u) => [`${word}-${unit}`, String(index * 10 + u + 1)] as const),
          // "twentyfive": the same run together, as people type it fast.
          ...units.slice(1, 10).map((unit, u) => [`${word}${unit}`, String(index * 10 + u + 1)] as const),
        ]
      : [],
  ),
]);

/** Scale words and suffixes: "1.5k", "2 million". Value is the power of ten. */
export const scaleSuffixes: ReadonlyMap<string, number> = new Map([
  ['grand', 3],
  ['k', 3],
  ['m', 6],
  ['b', 9],
  ['bn', 9],
  ['hundred', 2],
  ['thousand', 3],
  ['million', 6],
  ['mil', 6],
  ['mln', 6],
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
  'whole', 'entire', 'left', 'got', "i've", 'there', 'up', 'can', 'you', 'could', 'a', 'any', 'u', 'give', 'currently', 'right', 'now',
  'if', 'whether', 'still', 'know', 'gimme', 'bal',
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
  'spend', 'spending', 'worth', 'locally', 'quarter', 'but', 'not', 'some', 'any', 'amount', 'each', 'every', 'same', 'that', 'this',
  'those', 'these', 'they', 'proceeds', 'output', 'result', 'whatever', 'what', 'at', 'in', 'out', 'over', 'back', 'so', 'as', 'he', 'she',
  'we', 'us', 'him', 'her', 'his', 'our', 'their', 'yield', 'interest', 'through', 'where', 'wherever', 'by', 'if', 'someone', 'somebody',
  'everyone', 'everybody', 'anyone', 'anybody', 'nobody', 'whoever', 'people', 'yourself', 'himself', 'herself', 'themselves',
  'respectively', 'respectivly', 'others', 'rest',
  ...trailingFiller.flat(),
  ...leadingFiller.filter((phrase) => phrase.length === 1).flat(),
]);

/** Tokens that exist outside Lucid's lists: refused by name, never "corrected" to a near symbol (USDT is not USDC). */
export const foreignTokens: ReadonlySet<string> = new Set([
  'btc', 'sol', 'matic', 'pol', 'op', 'pepe', 'shib', 'doge', 'avax', 'bnb', 'ldo', 'crv', 'mkr', 'aave', 'comp', 'snx', 'grt', 'frax', 'lusd',
  'tusd', 'busd', 'gusd', 'reth', 'cbeth', 'xrp', 'ada', 'dot', 'trx', 'ltc', 'bonk', 'wif', 'floki', 'brett', 'turbo', 'apt', 'sui', 'sei',
  'tia', 'inj', 'near', 'atom', 'ftm', 'usde', 'pyusd', 'eurc', 'gho', 'crvusd', 'rpl', 'ens', 'blur', 'imx', 'rndr', 'fet', 'mog', 'wld',
  'jup', 'ondo', 'ena', 'eigen', 'usdb', 'weeth', 'ezeth', 'sdai', 'susde', 'fdusd', 'usdd', 'dydx', 'gmx', 'cake', 'sushi', 'bal', 'yfi',
  'cvx', 'pendle', 'steth2', 'xaut', 'paxg', 'tbtc', 'renbtc', 'hbtc', 'cbbtc', 'usdbc', 'dola', 'mim', 'spell', 'ape', 'sand', 'mana',
  'axs', 'gala', 'chz', 'link2', 'trump', 'popcat', 'neiro', 'moodeng', 'goat', 'pnut', 'act', 'virtual', 'aixbt', 'degen', 'toshi',
]);

/** Actions Lucid does not do on its devnet: refused by name (UNSUPPORTED_INTENT), never read as something near. */
export const unsupportedVerbs: ReadonlySet<string> = new Set([
  'bridge', 'bridging', 'borrow', 'borrowing', 'repay', 'mint', 'minting', 'burn', 'short', 'shorting', 'long', 'leverage', 'farm', 'farming',
  'vote', 'delegate', 'deploy', 'launch', 'create', 'airdrop', 'snipe', 'loop', 'hedge', 'liquidate', 'flash', 'flashloan', 'lp', 'pool',
  'perp', 'open', 'close', 'cancel-order', 'limit', 'order', 'place', 'sign', 'schedule', 'automate', 'subscribe', 'register', 'renew',
  'vest', 'vesting',
]);

/**
 * Closed classes a request may be wrapped in before its verb: subject pronouns, modals, desire and request
 * verbs, politeness, interjections, greetings, discourse markers and thanks. A run of these words is skipped
 * only when an action verb follows it (./parser.ts `preamble`); negation, conditions, the past and other
 * people are decided by ./frame.ts on the whole sentence before, so none of them is in these lists.
 */
export const preambleWords: ReadonlySet<string> = new Set([
  // pronouns and the verbs that carry a wish
  'i', 'me', 'we', 'us', 'you', 'u', 'ya', 'yourself', 'it', "i'd", "i'm", "we'd", "we're", "you'd", 'id', 'im', 'am', 'are', 'is', 'be',
  'would', 'could', 'can', 'will', 'shall', 'may', 'might', 'should', 'must', 'wud', 'cud', 'wanna', 'gonna', 'gotta', 'lemme',
  'want', 'need', 'like', 'love', 'wish', 'request', 'ask', 'require', 'prefer', 'hope', 'hoping', 'desire', 'intend', 'wanting',
  'needing', 'looking', 'trying', 'asking', 'requesting', 'wanted', 'instruct', 'hereby', 'see', 'try',
  'to', 'that', 'for', 'if', 'and', 'the', 'a', 'an', 'as', 'so', 'of', 'in', 'on', 'with', 'this', 'there',
  // politeness and manner
  'please', 'pls', 'plz', 'pleas', 'plse', 'kindly', 'politely', 'just', 'really', 'actually', 'basically', 'simply', 'quickly',
  'now', 'also', 'possible', 'possibly', 'able', 'kind', 'good', 'enough', 'grateful', 'appreciate', 'mind', 'help', 'do', 'make',
  'go', 'ahead', 'needful', 'favour', 'favor', 'quick', 'one', 'let', 'lets', "let's", 'proceed', 'allowed', 'ok', 'okay', 'great',
  // interjections, greetings, discourse markers, thanks
  'hey', 'hi', 'hello', 'helo', 'hallo', 'hullo', 'yo', 'hiya', 'heya', 'howdy', 'hmm', 'hm', 'um', 'umm', 'uh', 'erm', 'oh', 'ah', 'well', 'k', 'kk',
  'alright', 'right', 'yeah', 'yes', 'yep', 'yup', 'ya', 'sure', 'cool', 'nice', 'gm', 'morning', 'afternoon', 'evening', 'day',
  'greetings', 'dear', 'sorry', 'bother', 'thanks', 'thank', 'thx', 'ty', 'cheers', 'advance', 'first', 'firstly', 'next',
  'anyway', 'anyways', 'btw', 'listen', 'look', 'right', 'then', 'urgent', 'asap', 'hurry', 'ugh', 'omg', 'fine', 'welp', 'maybe', 'know',
  'wondering', 'wonder', 'curious', 'lmk', 'guess',
]);

/** Filler that may end a request: politeness, thanks, tone words ("lol", "rn"). Multi-word ones are in `trailingFiller`. */
export const tailWords: ReadonlySet<string> = new Set([
  // Round 9: "…, ttyl".
  'ttyl',
  'please', 'pls', 'plz', 'pleas', 'plse', 'kindly', 'thanks', 'thank', 'thx', 'thnx', 'thanx', 'ty', 'tysm', 'cheers', 'ta', 'lol',
  'lmao', 'haha', 'rn', 'asap', 'now', 'quick', 'quickly', 'urgently', 'immediately', 'appreciate', 'appreciated', 'much', 'it',
  'you', 'u', 'ya', 'would', 'will', 'could', 'confirm', 'mate', 'bro', 'fam', 'ok', 'okay', 'k', 'thankyou', 'again', 'very', 'so',
  'in', 'advance', 'a', 'lot', 'kind', 'regards', 'best', 'xoxo', 'xx', 'x', 'and', 'sir', 'madam', 'buddy', 'man', 'dude', 'fr',
  'tho', 'pretty', 'done', 'yeah', 'ty!', 'already', 'nice', 'cool', 'great', 'awesome', 'tx',
]);

/** Longer filler words a slip may stand for ("plaese", "pleasee", "thankss", "kindy"): ≥ 5 letters. */
export const fuzzyFillerWords: readonly string[] = [
  'please', 'kindly', 'thanks', 'thank', 'would', 'could', 'should', 'request', 'require', 'possible', 'possibly', 'hello',
  'advance', 'appreciate', 'appreciated', 'really', 'quickly', 'urgent', 'urgently', 'immediately', 'basically', 'actually',
  'alright', 'greetings', 'morning', 'evening', 'afternoon', 'favour', 'needful', 'wanting', 'proceed', 'cheers', 'confirm',
];

/**
 * Round 7: bare purposes a step may carry after "for" ("swap 1 ETH for USDC for gas"), which name no person: a
 * "for" + name after a swap, supply or stake is refused as naming who should get its output, these are notes.
 */
export const purposeNouns: ReadonlySet<string> = new Set([
  'gas', 'fees', 'fee', 'rent', 'bills', 'lunch', 'dinner', 'breakfast', 'coffee', 'groceries', 'food', 'testing', 'test', 'savings', 'later',
  'now', 'fun', 'trading', 'safety', 'school', 'tuition', 'travel', 'vacation', 'holidays', 'me', 'myself', 'us', 'yield', 'interest', 'income',
  'emergencies', 'practice', 'liquidity', 'safekeeping', 'gifts', 'charity', 'taxes', 'work', 'business', 'payroll', 'salary', 'stability', 'savings', 'portfolio', 'wallet', 'account',
]);
