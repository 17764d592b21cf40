import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../test-utils/cli.js';
import { listAgentRows } from './agents.js';
import { openStore, actionTag } from '../../../runtime/index.js';
import { writeEntry, rememberRegistryContracts, SYNTHETIC_AGENT_REGISTRY as registry } from '../../../runtime/testing.js';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'lucid-agents-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const lucid = (...argv: string[]) => runCli(argv, { home });

describe('lucid agents', () => {
  test('default: lists the built-in agents with their actions', async () => {
    const result = await lucid('agents');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^transfer\s+transfer/m);
    expect(result.stdout).toMatch(/^uniswap-v2\s+swap/m);
  });

  test('--action swap --json: only swap agents, as one JSON document', async () => {
    const result = await lucid('agents', '--action', 'swap', '--json');
    const { agents } = JSON.parse(result.stdout) as { agents: { id: string; actions: string[]; source: string }[] };
    expect(agents.map((agent) => agent.id)).toEqual(expect.arrayContaining(['uniswap-v2', 'v2-fork']));
    expect(agents.every((agent) => agent.actions.includes('swap'))).toBe(true);
    expect(agents.some((agent) => agent.id === 'transfer')).toBe(false);
  });

  test('behavior: verified registry agents from the local index are listed, their text sanitized', async () => {
    const store = openStore(home);
    rememberRegistryContracts(store.db, { chainId: 31337, addresses: { agent: registry } });
    writeEntry(store.db, {
      chainId: 31337,
      registry,
      entryId: 4n,
      owner: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      metadataUri: 'lucid-metadata:x',
      contentHash: `0x${'00'.repeat(32)}`,
      endpoint: 'http://127.0.0.1:9004',
      feeWei: 0n,
      active: true,
      tags: ['swap', 'wrap'].map(actionTag),
      block: 1n,
      metadata: { id: 'quick-swap', kind: 'agent', description: 'cheap \u001b[2Jswaps\u0007', actions: ['swap', 'wrap'], chains: [], endpoint: 'http://127.0.0.1:9004' },
    });
    store.close();
    const rows = await listAgentRows({ home });
    expect(rows.find((row) => row.source === 'registry')).toEqual({
      id: 'registry:quick-swap',
      source: 'registry',
      actions: ['swap', 'wrap'],
      chains: [31337],
      description: 'cheap swaps',
      endpoint: 'http://127.0.0.1:9004',
    });
    expect((await listAgentRows({ home, action: 'transfer' })).some((row) => row.source === 'registry')).toBe(false);
    const text = (await lucid('agents', '--action', 'wrap')).stdout;
    expect(text).toMatch(/^registry:quick-swap\s+wrap\s+31337\s+cheap swaps/m);
  });

  test('errors: a malformed --action is an input error', async () => {
    const result = await lucid('agents', '--action', 'Swap Now!');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--action');
  });
});
