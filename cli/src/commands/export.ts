/**
 * `lucid export --safe <bundle>`: a verified plan bundle's calls as a Safe{Wallet} Transaction Builder batch
 * file, so a multisig can execute what Lucid simulated. Refuses a changed or expired bundle like `lucid sign`.
 */
import { Command } from 'commander';
import { InfraError, InputError } from '../../../kernel/errors.js';
import { parseOptions } from './options.js';
import { say, writeData } from '../output.js';

const schema = (z: typeof import('zod').z) => z.object({ safe: z.boolean().default(false), out: z.string().min(1).optional() });

export function exportCommand(): Command {
  return new Command('export')
    .description('write a saved plan bundle in another wallet\'s format (--safe: a Safe Transaction Builder batch)')
    .argument('<bundle>', 'a file written by `lucid --dry-run --save <file> "…"`')
    .option('--safe', 'a Safe{Wallet} Transaction Builder batch file (JSON)', false)
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .addHelpText('after', '\nExamples:\n  $ lucid export --safe plan.json > batch.json\n  $ lucid export --safe plan.json --out batch.json')
    .action(async (path: string, raw: unknown) => {
      const options = await parseOptions(schema, raw);
      if (!options.safe) throw new InputError('BAD_OPTION', 'choose a format: --safe', { hints: ['lucid export --safe plan.json'] });
      const { readBundleFile } = await import('./sign.js');
      const { exportSafeBatch } = await import('../../../runtime/index.js');
      const { bundle } = await readBundleFile(path);
      const text = `${JSON.stringify(exportSafeBatch(bundle), null, 2)}\n`;
      if (!options.out) return writeData(text);
      const { writeFile } = await import('node:fs/promises');
      try {
        await writeFile(options.out, text);
      } catch (error) {
        throw new InfraError('EXPORT_WRITE_FAILED', `cannot write ${options.out}`, { cause: error });
      }
      say(`Safe batch with ${bundle.calls.length} call(s) written to ${options.out}. The calls were simulated from ${bundle.account}: a Safe at another address executes them as itself.`);
    });
}
