/**
 * The bridge between the ink UI and the runtime: everything App.tsx shows comes from here, as plain data or
 * text. The UI never touches the session, the store or the chain itself.
 */
import { appendInput, listContacts, listInputs, listRuns, runIntent, type RunOutcome, type Session, type Store } from '../../../runtime/index.js';
import type { RunOptions } from '../commands/options.js';
import type { Settings } from '../settings.js';
import type { Controller, StatusInfo } from './App.js';
import { findLucidError, formatUnitsHuman } from '../../../kernel/index.js';
import { parseIntents } from '../../../router/index.js';
import { sanitize } from '../output.js';
import { shortAddress } from '../render/review.js';
import { formatAgentRows, listAgentRows } from '../commands/agents.js';
import { formatPolicy, readPolicy } from '../commands/policy.js';

/**
 * @param session an open session (the caller closes it); its store holds the input history and contacts.
 * @param settings effective settings (parser, LLM, home).
 * @param options the run flags the UI was started with (`--dry-run`, `--agent`).
 * @returns {@link Controller}
 * @example
 * const controller = createController(session, settings, options)
 * render(<App controller={controller} />)
 */
export function createController(session: Session, settings: Settings, options: RunOptions): Controller {
  const { db } = session.store;
  // Oldest first, the order App's ↑/↓ walk expects; kept in memory so arrow keys never hit SQLite.
  const history = listInputs(db).reverse();

  const run: Controller['run'] = (text, hooks) =>
    runIntent(session, {
      text,
      mode: options.dryRun ? 'dry-run' : 'execute',
      parse: (words) => parseIntents(words, { parser: settings.parser, llm: settings.llm }),
      confirm: hooks.confirm,
      onStage: hooks.onStage,
      forcedAgentId: options.agent,
    });

  return {
    async status(): Promise<StatusInfo> {
      const [balance, block] = await Promise.all([
        session.publicClient.getBalance({ address: session.account.address }),
        // viem keeps a block number for its polling interval: a status read right after a run would show the block before it
        session.publicClient.getBlockNumber({ cacheTime: 0 }),
      ]);
      return {
        chain: session.chainName,
        account: shortAddress(session.account.address),
        balance: formatUnitsHuman(balance, 18, { maxFractionDigits: 4 }),
        block: block.toString(),
        devnet: session.isDevnet,
      };
    },
    inputHistory: () => history,
    completions() {
      const symbols = session.tokens.map((token) => sanitize(token.symbol, 32)).filter((symbol) => /^[\w.$-]+$/.test(symbol));
      const contacts = listContacts(db).map((contact) => contact.name);
      return [...new Set([...symbols, ...contacts])];
    },
    appendInput(line) {
      const text = line.trim();
      if (!text || history.at(-1) === text) return;
      history.push(text);
      appendInput(db, text);
    },
    run,
    async command(name) {
      switch (name) {
        case 'history':
          return formatHistory(db);
        case 'balance': {
          const outcome = await runIntent(session, {
            text: 'balance',
            mode: 'dry-run',
            parse: (words) => parseIntents(words, { parser: 'grammar', llm: undefined }),
            confirm: async () => false,
          });
          return describeOutcome(outcome);
        }
        case 'agents':
          return formatAgentRows(await listAgentRows({ home: settings.home, store: session.store }));
        case 'policy': {
          const { path, policy, exists } = await readPolicy(settings.home);
          return formatPolicy(policy, path, exists);
        }
        default:
          return `unknown command /${sanitize(name, 40)}: try /help`;
      }
    },
    describeOutcome,
    describeError,
  };
}

/** The lines shown once an intent finished: balances for a read-only answer, tx results otherwise. */
export function describeOutcome(outcome: RunOutcome): string {
  const { review } = outcome;
  if (outcome.status === 'read-only') {
    const balances = review.readOnly?.balances ?? [];
    if (balances.length === 0) return 'no balances';
    return balances
      .map((line) => `${formatUnitsHuman(line.balance, line.decimals).padStart(20)} ${sanitize(line.symbol, 12).padEnd(8)}${line.usd !== undefined ? ` $${line.usd.toFixed(2)}` : ''}`)
      .join('\n');
  }
  if (outcome.status === 'simulated') return 'dry run: simulated, nothing was signed';
  if (outcome.status === 'preview') return 'preview: simulated, nothing was signed';
  const lines: string[] = [];
  for (const tx of outcome.txs)
    lines.push(`${tx.status === 'confirmed' ? '✔' : '✖'} ${tx.status} ${tx.hash}${tx.blockNumber !== undefined ? ` in block ${tx.blockNumber}` : ''}`);
  const mine = outcome.balanceChanges.filter((change) => change.address.toLowerCase() === review.account.toLowerCase() && change.diff !== 0n);
  for (const change of mine) {
    const amount = formatUnitsHuman(change.diff < 0n ? -change.diff : change.diff, change.decimals);
    lines.push(`  ${change.diff < 0n ? '-' : '+'}${amount} ${sanitize(change.symbol, 12)}`);
  }
  for (const difference of outcome.outcomeDifferences) lines.push(`⚠ differs from the simulation: ${sanitize(difference, 200)}`);
  if (outcome.status === 'pending') lines.push('still pending: `lucid history` will resolve it later');
  if (outcome.status === 'reverted') lines.push('reverted on chain: only gas was spent');
  return lines.join('\n');
}

/** One short message and its hints; never a stack trace. */
export function describeError(error: unknown): string {
  const lucid = findLucidError(error);
  if (!lucid) return `internal error: ${sanitize(error instanceof Error ? error.message : String(error), 300)} (a bug in Lucid; LUCID_DEBUG=1 shows more)`;
  if (lucid.code === 'USER_REJECTED') return 'dropped: nothing was signed';
  // The details as the plain CLI prints them: for words that did not parse, the words with a caret line under the one not understood.
  const details = lucid.shownDetails ? lucid.shownDetails.split('\n').map((line) => sanitize(line, 200)) : [];
  return [sanitize(lucid.shortMessage, 300), ...details, ...lucid.hints.map((hint) => `hint: ${sanitize(hint, 200)}`)].join('\n');
}

function formatHistory(db: Store['db']): string {
  const runs = listRuns(db, { limit: 10 });
  if (runs.length === 0) return 'no intents yet';
  return runs
    .map((run) => {
      const when = new Date(run.createdAt).toISOString().replace('T', ' ').slice(0, 19);
      return `#${run.id}  ${when}  ${run.status.padEnd(9)}  ${sanitize(run.text, 70)}`;
    })
    .join('\n');
}
