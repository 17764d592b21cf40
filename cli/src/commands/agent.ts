import { Command } from 'commander';
import { addOutputOptions, addChainOptions, parseOptions, joinWords } from './options.js';
import { checkEndpoint, type DescribeEntry } from '../contributor/entryArguments.js';
import { entryCommand } from './entryCommand.js';
import { paint, sanitize, say, writeData, writeJson } from '../output.js';
import { InfraError, InputError } from '../../../kernel/errors.js';

const examples = `
Examples:
  $ lucid agent init tip-jar
  $ lucid agent test ./tip-jar
  $ lucid agent test ./tip-jar/agent.ts "wrap 1 ETH"
  $ lucid agent serve ./tip-jar/agent.ts --port 8787
  $ lucid agent register ./tip-jar/agent.ts --endpoint http://127.0.0.1:8787 --fee 0.001
  $ lucid agent register http://127.0.0.1:8787 --fee 0.001
  $ lucid agent list
  $ lucid agent show 1
  $ lucid agent claim 1 --yes
  $ lucid agent withdraw 1 --yes`;

/** An agent's metadata from its module (path) or from its endpoint's GET /health (URL). */
const describeAgent: DescribeEntry = async (argument, options) => {
  const { agentMetadata } = await import('../../../runtime/index.js');
  if (/^https?:\/\//i.test(argument)) {
    const endpoint = checkEndpoint(argument);
    const health = await fetchHealth(endpoint);
    // The metadata pins the endpoint the entry is registered with (routing checks them against each other).
    const registered = options.endpoint ? checkEndpoint(options.endpoint) : endpoint;
    const metadata = { id: health.id, kind: 'agent' as const, description: health.description ?? `agent at ${endpoint}`, actions: health.actions, chains: health.chains, endpoint: registered };
    return { metadata, endpoint: registered };
  }
  const endpoint = options.endpoint ? checkEndpoint(options.endpoint) : '';
  const { loadAgent } = await import('../../../runtime/index.js');
  const agent = await loadAgent(argument);
  return { metadata: agentMetadata(agent, endpoint || undefined), endpoint };
};

export function agentCommand(): Command {
  const command = entryCommand({
    kind: 'agent',
    description: 'build, test, serve and register agents; see their usage, fees and emissions',
    registerArgument: '<path|endpoint>',
    describe: describeAgent,
    examples,
  });

  command.addCommand(
    addOutputOptions(new Command('init'))
      .description('scaffold a new agent (agent.ts, schemas.ts, a test, a README) from the template')
      .argument('<name>', 'agent id: 2–64 characters of a-z, 0-9 and -')
      .option('--dir <path>', 'directory to create (default ./<name>)')
      .action(async (name: string, raw: unknown) => {
        const options = await parseOptions((z) => z.object({ json: z.boolean().default(false), dir: z.string().min(1).optional() }), raw);
        const { ensureSdkDeclarations, scaffoldAgent } = await import('../../../runtime/index.js');
        const result = scaffoldAgent({ name, dir: options.dir ?? name });
        // The scaffold type-checks against lucid/sdk's declarations, which a plain `npm install` does not make.
        if (result.linkedTo) ensureSdkDeclarations({ root: result.linkedTo, onProgress: options.json ? undefined : (message) => say(paint(message, 'dim')) });
        if (options.json) return writeJson(result);
        writeData(`created ${result.dir}\n${result.files.map((file) => `  ${file}`).join('\n')}`);
        if (result.linkedTo) say(paint(`linked node_modules/lucid → ${result.linkedTo} (the SDK: lucid/sdk, lucid/sdk/testing)`, 'dim'));
        say(paint(`next: lucid agent test ${result.dir}   then: lucid agent test ${result.dir}/agent.ts "wrap 0.1 ETH"`, 'dim'));
      }),
  );

  command.addCommand(
    addOutputOptions(addChainOptions(new Command('test')))
      .description("run your agent's tests (a folder: its *.test.ts, with Node's test runner), or intent words through it against the devnet (simulate only, never signs)")
      .argument('<path>', "the agent's folder or test file (run its tests), or its module (with intent words)")
      .argument('[intent...]', 'what a user would type: simulate it with this agent')
      .action(async (path: string, words: string[], raw: unknown) => {
        const options = await parseOptions((z) => z.object({ json: z.boolean().default(false), rpcUrl: z.url().optional(), chain: z.string().min(1).optional(), account: z.string().min(1).optional() }), raw);
        if (words.length === 0) return runTests(path, options.json);
        const { loadAgent, openSession, runIntent } = await import('../../../runtime/index.js');
        const agent = await loadAgent(path);
        const { loadSettings } = await import('../settings.js');
        const settings = await loadSettings(options);
        const { parseIntents } = await import('../../../router/index.js');
        const { renderReview, outcomeJson } = await import('../render/review.js');
        const session = await openSession({ settings, onProgress: options.json ? () => {} : (message) => say(paint(message, 'dim')) });
        try {
          // The local agent joins the candidates, and is forced: the run shows what it would do.
          const withAgent = { ...session, agents: async (action: Parameters<typeof session.agents>[0]) => [agent, ...(await session.agents(action)).filter((a) => a.id !== agent.id)] };
          const outcome = await runIntent(withAgent, {
            text: joinWords(words),
            mode: 'dry-run',
            forcedAgentId: agent.id,
            parse: (text) => parseIntents(text, { parser: settings.parser, llm: settings.llm }),
            confirm: async () => false,
          });
          if (options.json) return writeJson(outcomeJson(outcome));
          if (outcome.status === 'simulated' || outcome.status === 'preview' || outcome.status === 'read-only') writeData(renderReview(outcome.review, { explain: true }));
          say(`agent test: ${outcome.status}; nothing was signed`);
        } finally {
          await session.close();
        }
      }),
  );

  command.addCommand(
    addChainOptions(new Command('serve'))
      .description('serve your agent over HTTP (GET /health, POST /plan) until Ctrl-C')
      .argument('<path>', 'the agent module')
      .option('--port <port>', 'port on 127.0.0.1 (default: a free one)')
      .action(async (path: string, raw: unknown) => {
        const options = await parseOptions(
          (z) => z.object({ port: z.coerce.number({ message: '--port must be a number' }).int().min(0).max(65_535).default(0), rpcUrl: z.url().optional(), chain: z.string().min(1).optional(), account: z.string().min(1).optional() }),
          raw,
        );
        const { loadAgent, serveAgent } = await import('../../../runtime/index.js');
        const agent = await loadAgent(path);
        const rpcUrl = await resolveRpcUrl(options);
        const served = await serveAgent(agent, { port: options.port, rpcUrl });
        writeData(served.url);
        say(`serving agent "${sanitize(agent.id, 64)}" at ${served.url} — register it with: lucid agent register ${served.url} --fee 0.001`);
        say(paint('Ctrl-C to stop', 'dim'));
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await served.close();
      }),
  );
  return command;
}

/** `lucid agent test <dir>`: the builder's own tests; their report streams through (to stderr under --json). */
async function runTests(path: string, json: boolean): Promise<void> {
  const { runAgentTests } = await import('../../../runtime/index.js');
  const pending = { stdout: '', stderr: '' };
  const flush = (stream: 'stdout' | 'stderr', all: boolean) => {
    const text = pending[stream];
    const cut = all ? text.length : text.lastIndexOf('\n') + 1;
    if (cut === 0) return;
    pending[stream] = text.slice(cut);
    (stream === 'stdout' && !json ? writeData : say)(text.slice(0, cut));
  };
  const result = await runAgentTests({
    path,
    onOutput: (chunk, stream) => {
      pending[stream] += chunk;
      flush(stream, false);
    },
  });
  flush('stdout', true);
  flush('stderr', true);
  if (!result.passed) {
    const { ChainError } = await import('../../../kernel/errors.js');
    throw new ChainError('AGENT_TESTS_FAILED', `the agent's tests failed (${result.files.join(', ')})`, { hints: ['the report above names each failing test'] });
  }
  if (json) return writeJson(result);
  say(`agent test: ${result.files.length} test file${result.files.length === 1 ? '' : 's'} passed`);
}

/** The RPC the served agent reads from: the flag/config one, else the devnet (started on demand). */
async function resolveRpcUrl(options: { rpcUrl?: string | undefined; chain?: string | undefined; account?: string | undefined }): Promise<string> {
  const { loadSettings } = await import('../settings.js');
  const settings = await loadSettings(options);
  if (settings.rpcUrl) return settings.rpcUrl;
  const { startDevnet } = await import('../../../runtime/index.js');
  return (await startDevnet({ home: settings.home })).rpcUrl;
}

async function fetchHealth(endpoint: string) {
  const { healthResponseSchema } = await import('../../../runtime/index.js');
  let body: unknown;
  try {
    const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(5_000), headers: { accept: 'application/json' } });
    if (!response.ok) throw new InfraError('AGENT_UNREACHABLE', `${endpoint}/health answered HTTP ${response.status}`);
    body = await response.json();
  } catch (cause) {
    if (cause instanceof InfraError) throw cause;
    throw new InfraError('AGENT_UNREACHABLE', `cannot reach ${endpoint}/health`, { cause, hints: ['is the agent served? `lucid agent serve <path>`'] });
  }
  const parsed = healthResponseSchema.safeParse(body);
  if (!parsed.success) throw new InputError('AGENT_BAD_HEALTH', `${endpoint}/health did not answer an agent description (id, actions, chains)`);
  return parsed.data;
}
