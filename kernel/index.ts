/**
 * The kernel: Lucid's shared vocabulary, and the map of the project.
 *
 * Lucid turns words into a signed transaction in stages; each top-level folder owns a stage and is a layer.
 * Imports point only down this list and only at a layer's entries, never into its files (`npm run
 * lint:layers`, in `npm test`, enforces both; the rules are in .dependency-cruiser.cjs):
 *
 *   cli/                 the `lucid` program: commands, settings, output, the interactive UI. Loads the layers
 *                        below only when a command runs.                          entry: bin/lucid.js
 *   runtime/             everything that needs a chain, keys or the database: resolution of the user's words
 *                        against the chain, agent selection by simulated outcome, the session and pipeline,
 *                        simulation, the checks on a simulated plan, policy and the one consent rule, signing,
 *                        the devnet, the registry index, and the SQLite store (all SQL; every table from a
 *                        numbered migration; the session holds the one open store).
 *                                                      entries: runtime/index.ts, runtime/store.ts, runtime/testing.ts
 *   router/              words → typed intents (grammar, LLM parser), nothing that needs a chain.
 *                                                                                entry: router/index.ts
 *   agents/              the built-in agents and the agent SDK they share with outside agents.
 *                                                      entries: agents/index.ts, agents/sdk/index.ts (agent code)
 *   registry-contracts/  the Solidity, its generated artifacts (the only ABIs) and its deployer.
 *                                                                      entry: registry-contracts/index.ts
 *   kernel/              this folder: what every stage says to the next. Imports nothing of Lucid's.
 *                                          entries: kernel/index.ts, kernel/errors.ts (no zod: the CLI's startup),
 *                                                   kernel/core.ts (all of index.ts but the zod schemas: `lucid parse`)
 *
 * router/, agents/ and registry-contracts/ share a floor: none imports another. bench/ and scripts/ are tools
 * on top, and tests may use any layer's entries (the `testing` ones included), never its files.
 *
 * What the kernel holds:
 * - the intent: the zod schema every parser must produce, the `lucid parse --json` contract — ./intent.ts;
 *   its fields' patterns without zod — ./intentFields.ts; the same contract checked by hand — ./checkIntentList.ts
 * - how actions follow one another in a sequence, and every pair of them — ./sequence.ts
 * - the agent contract: resolved intents, plans, expected effects, agents and their context — ./agent.ts
 * - errors: the one {@link LucidError} base, its four kinds, and the exit-code table — ./errors.ts
 * - amounts in human units and EIP-55 addresses, exact and without viem — ./amounts.ts, ./addresses.ts
 * - the per-chain token lists (data) — ./tokens.ts
 */
export * from './core.js';
export { lockSecondsSchema, amountSchema, tokenRefSchema, recipientRefSchema, intentSchema, intentListSchema } from './intent.js';
