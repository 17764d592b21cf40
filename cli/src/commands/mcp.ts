import { Command } from 'commander';
import { addChainOptions, parseOptions, txOptionsShape } from './options.js';

const schema = (z: typeof import('zod').z) => z.object(txOptionsShape(z)).pick({ rpcUrl: true, chain: true, account: true });

/** `lucid mcp`: the MCP server over stdio (cli/src/mcp/startMcpServer.ts). */
export function mcpCommand(): Command {
  return addChainOptions(new Command('mcp'))
    .description('serve Lucid to AI assistants over the Model Context Protocol (stdio): words in, guarded plans out')
    .addHelpText('after', '\nExamples:\n  $ lucid mcp\n  (signs alone only within $LUCID_HOME/mcp-policy.json; beyond it: lucid approve <plan id>)')
    .action(async (raw: unknown) => {
      const options = await parseOptions(schema, raw);
      const { loadSettings } = await import('../settings.js');
      const { startMcpServer } = await import('../mcp/startMcpServer.js');
      await startMcpServer(await loadSettings(options));
    });
}
