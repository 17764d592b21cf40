import { Command } from 'commander';
import { addOutputOptions, joinWords, parseOptions, parserModes } from './options.js';
import { writeData, writeJson } from '../output.js';

const schema = (z: typeof import('zod').z) => z.object({ json: z.boolean().default(false), parser: z.enum(parserModes).optional() });
type ParseCommandOptions = { json: boolean; parser?: (typeof parserModes)[number] | undefined };

/**
 * The options as `schema` would return them, when they are plainly valid (commander already holds --parser
 * to its choices): `lucid parse` then loads no zod. Anything else (undefined here) goes to the schema, which
 * decides and words the error.
 */
function plainOptions(raw: unknown): ParseCommandOptions | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { json, parser } = raw as Record<string, unknown>;
  if (json !== undefined && typeof json !== 'boolean') return undefined;
  if (parser !== undefined && !(parserModes as readonly unknown[]).includes(parser)) return undefined;
  return { json: json ?? false, ...(parser === undefined ? {} : { parser: parser as ParseCommandOptions['parser'] }) };
}

export function parseCommand(): Command {
  return addOutputOptions(new Command('parse'))
    .description('show what Lucid understood from your words, as typed intents; touches no chain')
    .argument('<words...>', 'the intent, quoted or not')
    .addHelpText(
      'after',
      `
Examples:
  $ lucid parse --json "swap 1 ETH for USDC then send 50 USDC to alice.eth"
  $ lucid parse "buy 100 usdc with eth, max slippage 0.5%"`,
    )
    .action(async (words: string[], raw: unknown) => {
      const options = plainOptions(raw) ?? (await parseOptions(schema, raw));
      const { loadSettings } = await import('../settings.js');
      const settings = await loadSettings({ parser: options.parser });
      const { describeIntent, parseIntents } = await import('../../../router/parse.js');
      const result = await parseIntents(joinWords(words), { parser: settings.parser, llm: settings.llm });
      if (options.json) return writeJson(result.intents);
      result.intents.intents.forEach((intent, index) => writeData(`${index + 1}. ${describeIntent(intent)}`));
    });
}
