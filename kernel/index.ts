/**
 * The kernel: Lucid's shared vocabulary, and the map of the project.
 *
 * Lucid turns words into a signed transaction in stages, and each top-level folder owns a stage. Imports
 * only point down this list, and only at a package's index (the lint rule in `.dependency-cruiser.cjs`
 * fails `npm test` otherwise):
 *
 *   cli/                 the `lucid` program: commands, output, the interactive UI. Talks to runtime/index.ts
 *                        and router/index.ts, never to their files.
 *   runtime/             everything that needs a chain, keys or a database: resolution of the user's words
 *                        against the chain, agent selection, the registry index, simulation, the checks on a
 *                        simulated plan, policy, signing, the devnet, and the SQLite store (the session owns
 *                        its one handle; every table comes from a numbered migration).
 *   router/  agents/     router: words → typed intents (grammar, LLM parser) and nothing that needs a chain.
 *   registry-contracts/  agents: the built-in agents and the agent SDK (agents/sdk/index.ts) they share with
 *                        outside agents. registry-contracts: the Solidity, its generated artifacts and deployer.
 *   kernel/              this folder: what every stage says to the next. Imports nothing of Lucid's.
 *
 * bench/ and scripts/ are tools on top: they may use any package's index.
 *
 * What the kernel holds:
 * - the intent: the zod schema every parser must produce (the `lucid parse --json` contract) — ./intent.ts
 * - the agent contract: resolved intents, plans, expected effects, agents and their context — ./agent.ts
 * - errors: the one {@link LucidError} base, its four kinds, and the exit-code table — ./errors.ts
 * - amounts in human units and EIP-55 addresses, exact and without viem — ./amounts.ts, ./addresses.ts
 * - the per-chain token lists (data) — ./tokens.ts
 */
export { intentActions, decimalPattern, percentPattern, amountSchema, tokenRefSchema, recipientRefSchema, intentSchema, intentListSchema } from './intent.js';
export type { Intent, IntentAction, IntentList } from './intent.js';

export type {
  Agent,
  AgentContext,
  BalanceLine,
  Deployment,
  ExpectedEffect,
  Plan,
  PlanCall,
  ResolvedAmount,
  ResolvedIntent,
  TokenInfo,
} from './agent.js';

export {
  LucidError,
  InputError,
  RefusedError,
  ChainError,
  InfraError,
  findLucidError,
  exitCodes,
  exitCodeFor,
  type ErrorKind,
  type LucidErrorParameters,
} from './errors.js';

export { formatUnits, parseUnits, formatUnitsHuman, formatAmount, maxUint256, type FormatUnitsHumanOptions } from './amounts.js';
export { toChecksumAddress, hasValidChecksum, checkedAddress, type HexAddress } from './addresses.js';

export { nativeSymbol, tokenListFor, knownSymbols, type TokenList, type TokenListEntry } from './tokens.js';
