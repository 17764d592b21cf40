import { Command } from 'commander';
import { addOutputOptions, outputOptionsSchema, parseOptions } from './options.js';
import { paint, say, writeData, writeJson } from '../output.js';


async function home(): Promise<string> {
  const { loadSettings } = await import('../settings.js');
  return (await loadSettings({})).home;
}

const progress = (json: boolean) => (json ? () => {} : (message: string) => say(paint(message, 'dim')));

export function devnetCommand(): Command {
  const devnet = new Command('devnet')
    .description("Lucid's own local chain (anvil): started on demand, state kept in $LUCID_HOME/devnet")
    .addHelpText('after', '\nExamples:\n  $ lucid devnet status\n  $ lucid devnet advance 30d\n  $ lucid devnet reset');
  devnet.addCommand(
    addOutputOptions(new Command('start'))
      .description('start the devnet (or reuse the running one); bootstraps it on first start')
      .action(async (raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { startDevnet } = await import('../../../runtime/index.js');
        const started = await startDevnet({ home: await home(), onProgress: progress(options.json) });
        const summary = { rpcUrl: started.rpcUrl, pid: started.pid, reused: started.reused, restored: started.restored, contracts: started.deployment.contracts, tokens: started.deployment.tokens };
        if (options.json) return writeJson(summary);
        writeData(`devnet ${started.reused ? 'already running' : started.restored ? 'restored' : 'started'} at ${started.rpcUrl} (pid ${started.pid})`);
      }),
  );
  devnet.addCommand(
    addOutputOptions(new Command('stop'))
      .description('stop the devnet, saving its state')
      .action(async (raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { stopDevnet } = await import('../../../runtime/index.js');
        const result = await stopDevnet({ home: await home() });
        if (options.json) return writeJson(result);
        say(result.stopped ? 'devnet stopped; state saved' : 'devnet was not running');
      }),
  );
  devnet.addCommand(
    addOutputOptions(new Command('status'))
      .description('is the devnet running, where, and at which block')
      .action(async (raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { devnetStatus } = await import('../../../runtime/index.js');
        const status = await devnetStatus({ home: await home() });
        if (options.json) return writeJson(status);
        if (!status.running) return writeData(`devnet: not running (state file: ${status.stateFile ?? 'none'})`);
        writeData(
          [
            `devnet: running (pid ${status.pid})`,
            `rpc: ${status.rpcUrl}`,
            `block: ${status.blockNumber}`,
            `state: ${status.stateFile} (${Math.round(Number(status.stateFileBytes ?? 0) / 1024)} KiB)`,
            ...(status.deployment ? Object.entries(status.deployment.contracts).map(([name, address]) => `  ${name.padEnd(20)} ${address}`) : []),
          ].join('\n'),
        );
      }),
  );
  devnet.addCommand(
    addOutputOptions(new Command('reset'))
      .description('stop the devnet and delete its state; the next start bootstraps a fresh world')
      .action(async (raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { resetDevnet } = await import('../../../runtime/index.js');
        await resetDevnet({ home: await home() });
        if (options.json) return writeJson({ reset: true });
        say('devnet reset: the next command starts a fresh one');
      }),
  );
  devnet.addCommand(
    addOutputOptions(new Command('advance'))
      .description('move devnet time forward and mine a block (watch rewards accrue)')
      .argument('<duration>', 'e.g. 45s, 90m, 12h, 30d, 2w')
      .action(async (duration: string, raw: unknown) => {
        const options = await parseOptions(outputOptionsSchema, raw);
        const { parseDuration } = await import('../../../runtime/index.js');
        const seconds = parseDuration(duration);
        const { startDevnet, advanceTime } = await import('../../../runtime/index.js');
        const started = await startDevnet({ home: await home(), onProgress: progress(options.json) });
        const result = await advanceTime({ rpcUrl: started.rpcUrl, seconds });
        if (options.json) return writeJson(result);
        say(`advanced ${duration}`);
      }),
  );
  return devnet;
}
