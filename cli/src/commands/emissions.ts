/**
 * `lucid emissions`: the LUCID emission schedule as a chart of daily emission over the years (today
 * marked), the totals per bucket, the protection fund, and what the next distribution would mint.
 * `lucid emissions distribute` mints it (permissionless) through the guarded pipeline.
 */
import { Command } from 'commander';
import { parseOptions, addReadOptions, addTxOptions, txOptionsShape, txOptionsSchema } from './options.js';
import { openContributorSession } from '../contributor/openContributorSession.js';
import { outcomeDocument, runContributorPlans } from '../contributor/runContributorPlans.js';
import { writeData, writeJson } from '../output.js';

const CHART_COLUMNS = 64;

export function emissionsCommand(): Command {
  const command = addReadOptions(new Command('emissions'))
    .description('the LUCID emission schedule: daily emission over the years, buckets, protection fund, next distribution')
    .option('--ascii', 'draw the chart with plain ASCII', false)
    .addHelpText('after', '\nExamples:\n  $ lucid emissions\n  $ lucid emissions --json\n  $ lucid emissions distribute --yes')
    .action(async (raw: unknown) => {
      const options = await parseOptions((z) => z.object({ ...txOptionsShape(z), ascii: z.boolean().default(false) }).pick({ json: true, rpcUrl: true, chain: true, account: true, ascii: true }), raw);
      const { readEmissionSchedule, dailyEmission, contributorContractsFrom } = await import('../../../runtime/index.js');
      const session = await openContributorSession(options, { sync: false });
      try {
        const contracts = contributorContractsFrom(session.contracts);
        const s = await readEmissionSchedule(session.publicClient, { contracts });
        const buckets = { code: s.totalPerBucket, community: s.totalPerBucket, compute: s.totalPerBucket, capital: s.totalPerBucket };
        if (options.json)
          return writeJson({
            schedule: {
              startTime: s.startTime,
              now: s.now,
              day: s.today,
              initialDaily: s.initialDaily,
              decreasePerDay: s.decreasePerDay,
              emissionDays: s.emissionDays,
              totalEmission: s.totalEmission,
              todayDaily: s.todayDaily,
            },
            buckets,
            protectionFund: { address: s.protectionFund, bps: s.protectionBps, total: s.totalProtection },
            distributed: s.totalDistributed,
            lastDistribution: s.lastDistribution,
            next: { pending: s.pending, perPool: s.pendingPerPool, protection: s.pendingProtection },
          });
        const { formatEther } = await import('viem');
        const { renderBarChart } = await import('../render/chart.js');
        const lucid = (wei: bigint) => `${Number(formatEther(wei)).toLocaleString('en-US', { maximumFractionDigits: 2 })} LUCID`;
        const days = Number(s.emissionDays);
        const perColumn = Math.max(1, Math.ceil(days / CHART_COLUMNS));
        const columns = Math.ceil(days / perColumn);
        const values = Array.from({ length: columns }, (_, c) => Number(formatEther(dailyEmission(s, BigInt(c * perColumn + Math.floor(perColumn / 2))))));
        const years = days / 365;
        const step = years > 40 ? 10 : years > 12 ? 4 : years > 4 ? 2 : 1;
        const xLabels = [];
        for (let y = 0; y * 365 < days; y += step) xLabels.push({ index: Math.floor((y * 365) / perColumn), text: `${y}y` });
        const todayIndex = Math.min(columns - 1, Math.floor(Number(s.today) / perColumn));
        const chart = renderBarChart({
          values,
          height: 8,
          formatY: (v) => `${Math.round(v).toLocaleString('en-US')}/d`,
          marker: { index: todayIndex, label: `today (day ${s.today})` },
          xLabels,
          ascii: options.ascii,
        });
        const n = (wei: bigint) => Number(formatEther(wei)).toLocaleString('en-US', { maximumFractionDigits: 2 });
        writeData(
          [
            `LUCID per day: ${n(s.initialDaily)} at start, −${n(s.decreasePerDay)} each day, ${days.toLocaleString('en-US')} days (${years.toFixed(1)} y)`,
            ...chart,
            '',
            `today       ${lucid(s.todayDaily)}/day, ${n(s.todayDailyPerPool)}/day to each bucket`,
            `total       ${lucid(s.totalEmission)} (distributed so far: ${n(s.totalDistributed)})`,
            `buckets     code ${n(buckets.code)} · community ${n(buckets.community)}`,
            `            compute ${n(buckets.compute)} · capital ${n(buckets.capital)} (LUCID each)`,
            `protection  ${lucid(s.totalProtection)} (${Number(s.protectionBps) / 100}% of each mint + rounding)`,
            `            fund ${s.protectionFund}`,
            `next        ${lucid(s.pending)} pending: ${n(s.pendingPerPool)} per bucket, ${n(s.pendingProtection)} to protection`,
            '            mint it with: lucid emissions distribute',
          ].join('\n'),
        );
      } finally {
        await session.close();
      }
    });

  command.addCommand(
    addTxOptions(new Command('distribute'))
      .description('mint the pending emission to the pools (anyone may call it; you pay the gas)')
      .action(async (_raw: unknown, self: Command) => {
        // `--json` and the chain options are also the parent's: commander may hand them to it.
        const options = await parseOptions(txOptionsSchema, self.optsWithGlobals());
        const { distributePlan, contributorContractsFrom } = await import('../../../runtime/index.js');
        const session = await openContributorSession(options, { sync: false });
        try {
          const plan = await distributePlan(session.publicClient, { contracts: contributorContractsFrom(session.contracts) });
          const outcome = await runContributorPlans(session, { text: 'lucid emissions distribute', plans: [plan], options });
          if (options.json) writeJson(await outcomeDocument(outcome));
        } finally {
          await session.close();
        }
      }),
  );
  return command;
}

