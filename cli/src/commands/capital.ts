/**
 * Capital providers: `lucid stake 10 stETH` is exactly `lucid "stake 10 stETH"` (the capital agent plans it,
 * the usual pipeline shows and signs it), and so are `unstake` and `claim`. `lucid rewards` is a read.
 */
import { Command } from 'commander';
import { addRunOptions, joinWords, parseOptions, runOptionsSchema, addReadOptions, readOptionsSchema } from './options.js';
import { openContributorSession } from '../contributor/openContributorSession.js';
import { writeData, writeJson } from '../output.js';

function intentCommand(name: 'stake' | 'unstake' | 'claim', description: string, examples: string): Command {
  const command = addRunOptions(new Command(name)).description(description).addHelpText('after', examples);
  if (name !== 'claim') command.argument('<amount...>', name === 'stake' ? 'amount and token, e.g. 10 stETH' : 'amount and token, or "all"');
  if (name === 'stake') command.option('--lock <duration>', 'lock the stake for a reward multiplier: 1x + 2x × lock / 730 days, at most 3x (e.g. 180d, 26w)');
  return command.action(async (...args: unknown[]) => {
    const words = name === 'claim' ? [] : (args[0] as string[]);
    const raw = name === 'claim' ? args[0] : args[1];
    const options = await parseOptions(runOptionsSchema, raw);
    let text = joinWords([name, ...words]);
    if (name === 'claim') text = 'claim rewards';
    if (name === 'unstake' && words.length === 1 && words[0]!.toLowerCase() === 'all') text = `unstake all ${await stakeTokenSymbol(options)}`;
    const lock = (raw as { lock?: string } | undefined)?.lock;
    const lockSeconds = lock === undefined ? undefined : await parseLock(lock);
    const { runAction } = await import('./run.js');
    return runAction(text, options, lockSeconds === undefined ? {} : { lockSeconds });
  });
}

/** "180d" → seconds; at most two years, the longest lock the capital pool takes. */
async function parseLock(text: string): Promise<number> {
  const { parseDuration } = await import('../../../runtime/index.js');
  const { InputError, MAX_LOCK_SECONDS } = await import('../../../kernel/index.js');
  const seconds = parseDuration(text);
  if (seconds > MAX_LOCK_SECONDS)
    throw new InputError('LOCK_TOO_LONG', `--lock ${text} is longer than two years, the longest lock (and the 3x multiplier's)`, { hints: ['use --lock 730d for the largest multiplier'] });
  return seconds;
}

export function stakeCommand(): Command {
  return intentCommand(
    'stake',
    'stake into the capital pool and earn its share of LUCID emission (same as lucid "stake …"); --lock for a multiplier',
    '\nExamples:\n  $ lucid stake 10 stETH\n  $ lucid stake 10 stETH --lock 180d      # 1.49x rewards, withdrawable after 180 days\n  $ lucid stake all my stETH --yes',
  );
}
export function unstakeCommand(): Command {
  return intentCommand('unstake', 'withdraw staked principal from the capital pool (same as lucid "unstake …")', '\nExamples:\n  $ lucid unstake 5 stETH\n  $ lucid unstake all');
}
export function claimCommand(): Command {
  return intentCommand('claim', 'claim the LUCID your stake earned (same as lucid "claim rewards")', '\nExamples:\n  $ lucid claim\n  $ lucid claim --yes --json');
}

export function rewardsCommand(): Command {
  return addReadOptions(new Command('rewards'))
    .description('your capital-pool position: staked, share of the pool, LUCID accrued, emission per staked token per day')
    .addHelpText('after', '\nExamples:\n  $ lucid rewards\n  $ lucid rewards --json')
    .action(async (raw: unknown) => {
      const options = await parseOptions(readOptionsSchema, raw);
      const { readCapitalPosition, contributorContractsFrom } = await import('../../../runtime/index.js');
      const session = await openContributorSession(options, { sync: false });
      try {
        const position = await readCapitalPosition(session.publicClient, { contracts: contributorContractsFrom(session.contracts), account: session.account.address });
        const token = session.tokens.find((t) => t.address !== 'ETH' && t.address.toLowerCase() === position.stakeToken.toLowerCase());
        const symbol = token?.symbol ?? 'stake token';
        // No APR: that needs a price for LUCID and Lucid has none to show. The rate is in tokens, exact in JSON.
        const basis = `capital bucket's emission today / total staked, in LUCID per ${symbol} per day`;
        if (options.json) return writeJson({ account: session.account.address, stakeTokenSymbol: symbol, ...position, emissionBasis: basis });
        const { formatUnitsHuman } = await import('../../../kernel/index.js');
        const decimals = token?.decimals ?? position.stakeDecimals;
        const lucid = (wei: bigint) => formatUnitsHuman(wei, 18, { maxFractionDigits: 4 });
        writeData(
          [
            `staked     ${formatUnitsHuman(position.staked, decimals, { maxFractionDigits: 4 })} ${symbol} of ${formatUnitsHuman(position.totalStaked, decimals, { maxFractionDigits: 4 })} in the pool (${(position.shareBps / 100).toFixed(2)}% of the rewards)`,
            `multiplier ${(Number(position.multiplierBps) / 10_000).toFixed(2)}x  ${position.unlockAt === undefined ? 'unlocked: withdraw any time' : `locked until ${new Date(Number(position.unlockAt) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`}`,
            `accrued    ${lucid(position.earned)} LUCID (claim with: lucid claim)`,
            `stream     ${lucid(position.rewardPerSecond)} LUCID/s to all stakers now`,
            `emission   ${position.emissionPerTokenPerDay === undefined ? '— (nothing staked)' : `${lucid(position.emissionPerTokenPerDay)} LUCID per ${symbol} staked per day`}`,
            `           (today's capital emission × your multiplier / total weight; no APR: LUCID has no price here)`,
          ].join('\n'),
        );
      } finally {
        await session.close();
      }
    });
}

/** "unstake all" needs the token's name for the grammar: the capital pool's stake token on this chain. */
async function stakeTokenSymbol(options: { rpcUrl?: string | undefined; chain?: string | undefined; account?: string | undefined; json: boolean }): Promise<string> {
  const { contributorContractsFrom, readStakeToken } = await import('../../../runtime/index.js');
  const session = await openContributorSession(options, { sync: false });
  try {
    const address = await readStakeToken(session.publicClient, { contracts: contributorContractsFrom(session.contracts) });
    const token = session.tokens.find((t) => t.address !== 'ETH' && t.address.toLowerCase() === address.toLowerCase());
    return token?.symbol ?? address;
  } finally {
    await session.close();
  }
}
