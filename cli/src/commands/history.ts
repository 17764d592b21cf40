import { Command } from 'commander';
import { addOutputOptions, parseOptions } from './options.js';
import { paint, sanitize, say, writeData, writeJson } from '../output.js';
import type { Session } from '../../../runtime/index.js';

const schema = (z: typeof import('zod').z) =>
  z.object({
  json: z.boolean().default(false),
  rpcUrl: z.string().optional(),
  chain: z.string().optional(),
  account: z.string().optional(),
  limit: z.coerce
    .number({ message: 'how many intents to show, as a number like 5' })
    .int('how many intents to show, as a whole number')
    .min(1, 'how many intents to show, 1 or more (0 would show nothing; the default is 20)')
    .max(10_000, 'at most 10000 intents at a time')
    .default(20),
});

export function historyCommand(): Command {
  return addOutputOptions(new Command('history'))
    .description('list past intents with their outcome, newest first (pending transactions are resolved first)')
    .option('-n, --limit <count>', 'how many to show (default 20)')
    .addHelpText('after', '\nExamples:\n  $ lucid history\n  $ lucid history --json --limit 5')
    .action(async (raw: unknown) => {
      const options = await parseOptions(schema, raw);
      const { loadSettings } = await import('../settings.js');
      const settings = await loadSettings(options);
      const { listPendingTxs, listRuns, listTxs, openStore } = await import('../../../runtime/store.js');
      let store = openStore(settings.home);
      let session: Session | undefined;
      try {
        if (listPendingTxs(store.db).length > 0) {
          // Opening a session resolves what an earlier, interrupted run left pending; its store is then the one read.
          store.close();
          const { openSession } = await import('../../../runtime/index.js');
          session = await openSession({ settings, onProgress: (message) => say(paint(message, 'dim')) });
          store = session.store;
        }
        const runs = listRuns(store.db, { limit: options.limit }).map((run) => ({
          id: run.id,
          createdAt: new Date(run.createdAt).toISOString(),
          text: run.text,
          status: run.status,
          chainId: run.chainId,
          account: run.account,
          agent: run.agentId,
          parser: run.parser,
          intents: run.intents,
          transactions: listTxs(store.db, run.id).map((tx) => ({ index: tx.idx, hash: tx.hash, status: tx.status, blockNumber: tx.blockNumber })),
          ...(run.errorCode ? { error: { code: run.errorCode, message: run.errorMessage } } : {}),
        }));
        if (options.json) return writeJson({ runs });
        if (runs.length === 0) return writeData('no intents yet — try: lucid "send 0.1 ETH to 0x70997970C51812dc3A010C7d01b50e0d17dc79C8"');
        // Pad before painting: colour codes have no width, so padding a painted word misaligns the columns.
        const idWidth = Math.max(...runs.map((run) => String(run.id).length)) + 1;
        const statusWidth = Math.max(9, ...runs.map((run) => run.status.length));
        for (const run of runs) {
          const padded = run.status.padEnd(statusWidth);
          const status = run.status === 'confirmed' ? paint(padded, 'green', process.stdout) : ['failed', 'reverted', 'refused', 'rejected', 'dropped'].includes(run.status) ? paint(padded, 'red', process.stdout) : padded;
          writeData(`${`#${run.id}`.padEnd(idWidth)}  ${run.createdAt.replace('T', ' ').slice(0, 19)}  ${status}  ${sanitize(run.text, 80)}`);
          for (const tx of run.transactions) writeData(`      ${tx.hash}  ${tx.status}${tx.blockNumber ? ` (block ${tx.blockNumber})` : ''}`);
          if (run.error) writeData(paint(`      ${run.error.code}: ${sanitize(run.error.message ?? '', 120)}`, 'dim', process.stdout));
        }
      } finally {
        if (session) await session.close();
        else store.close();
      }
    });
}
