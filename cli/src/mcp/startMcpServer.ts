/**
 * `lucid mcp`: Lucid as the guarded wallet an AI assistant uses, over the Model Context Protocol (stdio, the
 * official SDK). The assistant gets words-level tools only — no tool takes calldata, an address to call, or
 * a transaction: it can parse words, simulate them (the full review, and a plan id), execute a plan id, and
 * read balances and history.
 *
 * `execute_plan` signs only inside the machine policy (`$LUCID_HOME/mcp-policy.json`, empty by default: then
 * nothing signs), re-simulates first and refuses on any difference in effects. Beyond the machine policy —
 * or with any danger flag — the plan waits for the person: `lucid approve <plan id>` in a terminal shows the
 * same review and signs after yes. The person's own policy (policy.json) refuses what it refuses, with the
 * same `{ rule, limit, actual, fix }` the CLI prints.
 *
 * stdout is the protocol channel: everything else (progress) goes to stderr.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import * as z from 'zod';
import { RefusedError, findLucidError } from '../../../kernel/errors.js';
import type { Settings } from '../settings.js';
import type { Session } from '../../../runtime/index.js';
import { jsonReplacer, say } from '../output.js';
import { version } from '../version.js';

type ToolResult = { content: { type: 'text'; text: string }[]; structuredContent?: Record<string, unknown>; isError?: boolean };

/** Serves until stdin closes. */
export async function startMcpServer(settings: Settings): Promise<void> {
  const runtime = await import('../../../runtime/index.js');
  const { parseIntents } = await import('../../../router/index.js');
  const { outcomeJson } = await import('../render/review.js');
  let session: Session | undefined;
  // One tool call at a time: the session (one store, one nonce sequence) is not shared between calls in flight.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <value>(work: () => Promise<value>): Promise<value> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const open = async () => (session ??= await runtime.openSession({ settings, onProgress: (message) => say(message) }));

  const server = new McpServer({ name: 'lucid', version });
  const tool = <shape extends z.ZodRawShape>(name: string, description: string, inputSchema: shape, run: (input: z.infer<z.ZodObject<shape>>) => Promise<Record<string, unknown>>) =>
    server.registerTool(name, { description, inputSchema }, (async (input: z.infer<z.ZodObject<shape>>) => serial(async () => ok(await run(input))).catch(failure)) as never);

  tool(
    'parse_intent',
    'Turn words into typed intents (the shared intent contract). Reads nothing from the chain and signs nothing.',
    { text: z.string().min(1).max(2000).describe('What the user wants, in plain words, e.g. "swap 1 ETH for USDC".') },
    async ({ text }) => {
      const parsed = await parseIntents(text, { parser: settings.parser, llm: settings.llm });
      return { parser: parsed.parser, intents: parsed.intents.intents };
    },
  );

  tool(
    'simulate_intent',
    'Simulate what the words would do: every candidate agent, the winner and why, balance changes for every address, approvals, risk flags, fees and the policy decision. Returns a plan id for execute_plan (it expires in minutes). Signs nothing.',
    {
      text: z.string().min(1).max(2000).describe('What the user wants, in plain words, e.g. "send 0.1 ETH to bob".'),
      agent: z.string().min(1).max(64).optional().describe('Force this agent id instead of choosing by simulated outcome (optional).'),
    },
    async ({ text, agent }) => {
      const current = await open();
      const outcome = await runtime.runIntent(current, {
        text,
        mode: 'dry-run',
        forcedAgentId: agent,
        parse: (words) => parseIntents(words, { parser: settings.parser, llm: settings.llm }),
        confirm: async () => false,
      });
      const review = plain(outcomeJson(outcome)) as Record<string, unknown>;
      if (outcome.status !== 'simulated') return { status: outcome.status, review };
      const nonce = await current.publicClient.getTransactionCount({ address: current.account.address, blockTag: 'pending' });
      const bundle = runtime.createPlanBundle(outcome.review, { nonce, ttlMs: runtime.mcpPlanTtlMs });
      const planId = await runtime.saveMcpPlan(settings.home, bundle);
      const machine = runtime.evaluateMachinePolicy({
        policy: await runtime.loadMachinePolicy(settings.home),
        review: outcome.review,
        intents: runtime.reviewIntents(outcome.review),
        tokens: current.tokens,
        spentToday: runtime.spentToday(current),
      });
      return {
        status: 'simulated',
        planId,
        expiresAt: bundle.expiresAt,
        execution: machine.allowed
          ? { needsYourConfirmation: false, reasons: [] }
          : { needsYourConfirmation: true, reasons: machine.reasons, command: `lucid approve ${planId}` },
        review,
      };
    },
  );

  tool(
    'execute_plan',
    'Execute a plan id from simulate_intent. It is simulated again first and refused on any difference. It signs only within the machine policy the user set for assistants; anything beyond it (or any danger flag) returns "needs your confirmation" with the command the user runs in a terminal.',
    { planId: z.string().regex(/^[0-9a-f]{16}$/).describe('The plan id simulate_intent returned (16 hex digits).') },
    async ({ planId }) => {
      const current = await open();
      const verified = runtime.readPlanBundle(await runtime.readMcpPlan(settings.home, planId), { source: `plan ${planId}` });
      let waiting: { reasons: unknown[] } | undefined;
      try {
        const outcome = await runtime.signPlanBundle(current, {
          bundle: verified,
          confirm: async (review, changes) => {
            if (changes.effects.length > 0)
              throw new RefusedError('PLAN_CHANGED', 'not signed: the plan does something different now than when it was simulated', {
                details: changes.effects.join('\n'),
                hints: ['simulate it again with simulate_intent and show the user the new review'],
              });
            const machine = runtime.evaluateMachinePolicy({
              policy: await runtime.loadMachinePolicy(settings.home),
              review,
              intents: runtime.reviewIntents(review),
              tokens: current.tokens,
              spentToday: runtime.spentToday(current),
            });
            if (machine.allowed) return true;
            waiting = { reasons: machine.reasons };
            throw new RefusedError('NEEDS_YOUR_CONFIRMATION', `needs your confirmation: run \`lucid approve ${planId}\` in a terminal`, {
              details: machine.reasons.map((reason) => reason.message).join('\n'),
            });
          },
        });
        await runtime.removeMcpPlan(settings.home, planId);
        const json = plain(outcomeJson(outcome)) as Record<string, unknown>;
        return { status: outcome.status, planId, transactions: json.transactions, balanceChanges: json.balanceChanges, outcomeDifferences: json.outcomeDifferences };
      } catch (error) {
        if (waiting && findLucidError(error)?.code === 'NEEDS_YOUR_CONFIRMATION')
          return { status: 'needs-your-confirmation', planId, message: `needs your confirmation: run \`lucid approve ${planId}\` in a terminal`, command: `lucid approve ${planId}`, reasons: waiting.reasons };
        throw error;
      }
    },
  );

  tool(
    'balances',
    "The user's balances on the connected chain: every known token, or one.",
    { token: z.string().min(1).max(64).optional().describe('A token symbol like "USDC" or a 0x token address; omit for all.') },
    async ({ token }) => {
      const current = await open();
      const outcome = await runtime.runIntent(current, {
        text: token ? `what's my ${token} balance` : 'balance',
        mode: 'dry-run',
        parse: (words) => parseIntents(words, { parser: 'grammar' }),
        confirm: async () => false,
      });
      return { account: current.account.address, chainId: current.chainId, balances: plain(outcome.review.readOnly?.balances ?? []) };
    },
  );

  tool(
    'history',
    'Past requests and their outcome, newest first, with their transactions.',
    { limit: z.number().int().min(1).max(100).default(20).describe('How many runs to return (1–100, default 20).') },
    async ({ limit }) => {
      const current = await open();
      const runs = runtime.listRuns(current.store.db, { limit }).map((run) => ({
        id: run.id,
        createdAt: new Date(run.createdAt).toISOString(),
        text: run.text,
        status: run.status,
        transactions: runtime.listTxs(current.store.db, run.id).map((tx) => ({ hash: tx.hash, status: tx.status })),
        ...(run.errorCode ? { error: { code: run.errorCode, message: run.errorMessage } } : {}),
      }));
      return { runs };
    },
  );

  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  await server.connect(transport);
  say(`lucid mcp: serving on stdio (LUCID_HOME ${settings.home})`);
  await closed;
  await queue.catch(() => undefined);
  await session?.close();
}

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, jsonReplacer));
}

function ok(structured: Record<string, unknown>): ToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(structured, jsonReplacer, 2) }], structuredContent: structured };
}

/** A refusal or failure as a tool error: the same JSON envelope `--json` prints, so reasons match the CLI's. */
function failure(error: unknown): ToolResult {
  const lucid = findLucidError(error);
  const envelope = lucid ? (plain(lucid.toJSON()) as Record<string, unknown>) : { error: { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error) } };
  const text = lucid ? [lucid.shortMessage, lucid.shownDetails, ...lucid.hints.map((hint) => `hint: ${hint}`)].filter(Boolean).join('\n') : String(envelope.error);
  return { content: [{ type: 'text', text }], structuredContent: envelope, isError: true };
}
