import { describe, expect, test } from 'vitest';
import { getCursor, setCursor } from './indexerCursor.js';
import { appendInput, INPUT_HISTORY_LIMIT, listInputs } from './inputHistory.js';
import { getRecipient, lastAddressForLabel, listRecipients, recordRecipient } from './recipients.js';
import { createRun, updateRun } from './runs.js';
import { recordSpend, reserveSpends, sumSpentSince } from './spends.js';
import { recordSignedTx } from './txs.js';
import { useTempDirs } from './test-utils/tmp.js';

const tmp = useTempDirs();
const account = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const bob = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const carol = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const usdc = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('recipients', () => {
  test('default: first send creates the row, later sends count up and keep the first time', () => {
    const { db } = tmp.store();
    expect(getRecipient(db, { chainId: 31337, address: bob })).toBeUndefined();
    recordRecipient(db, { chainId: 31337, address: bob.toLowerCase(), label: 'Bob.eth', now: 10 });
    const again = recordRecipient(db, { chainId: 31337, address: bob, now: 20 });
    expect(again).toEqual({ chainId: 31337, address: bob, firstAt: 10, lastAt: 20, count: 2, lastLabel: 'bob.eth' });
    expect(getRecipient(db, { chainId: 1, address: bob })).toBeUndefined();
  });

  test('behavior: lastAddressForLabel tells what an ENS name pointed to last time', () => {
    const { db } = tmp.store();
    recordRecipient(db, { chainId: 31337, address: bob, label: 'alice.eth', now: 10 });
    expect(lastAddressForLabel(db, { chainId: 31337, label: 'ALICE.eth' })).toBe(bob);
    recordRecipient(db, { chainId: 31337, address: carol, label: 'alice.eth', now: 20 });
    expect(lastAddressForLabel(db, { chainId: 31337, label: 'alice.eth' })).toBe(carol);
    expect(lastAddressForLabel(db, { chainId: 31337, label: 'nobody.eth' })).toBeUndefined();
    expect(listRecipients(db, 31337).map((r) => r.address)).toEqual([carol, bob]);
  });
});

describe('spends', () => {
  test('behavior: a failed or reverted run still counts once one of its transactions was signed or mined', () => {
    const { db } = tmp.store();
    const id = createRun(db, { text: 'send', parser: 'grammar', chainId: 31337, account, intents: [] });
    reserveSpends(db, { runId: id, chainId: 31337, account, decide: () => [{ token: 'ETH', amount: 5n }], now: 10 });
    recordSignedTx(db, { runId: id, idx: 0, chainId: 31337, hash: `0x${'ab'.repeat(32)}`, request: { to: bob, data: '0x', value: 5n, nonce: 0, gas: 21000n, maxFeePerGas: 1n, maxPriorityFeePerGas: 1n, chainId: 31337 } });
    updateRun(db, id, { status: 'failed' });
    expect(sumSpentSince(db, { chainId: 31337, account, token: 'ETH', since: 0 })).toBe(5n);
    const refusedBeforeSigning = createRun(db, { text: 'send', parser: 'grammar', chainId: 31337, account, intents: [] });
    reserveSpends(db, { runId: refusedBeforeSigning, chainId: 31337, account, decide: () => [{ token: 'ETH', amount: 7n }], now: 10 });
    updateRun(db, refusedBeforeSigning, { status: 'failed' });
    expect(sumSpentSince(db, { chainId: 31337, account, token: 'ETH', since: 0 })).toBe(5n);
  });

  test('behavior: a reservation refused by its decide step writes nothing', () => {
    const { db } = tmp.store();
    const id = createRun(db, { text: 'send', parser: 'grammar', chainId: 31337, account, intents: [] });
    expect(() =>
      reserveSpends(db, {
        runId: id,
        chainId: 31337,
        account,
        decide: (spent) => {
          expect(spent('ETH')).toBe(0n);
          throw new Error('over the limit');
        },
      }),
    ).toThrow('over the limit');
    expect(sumSpentSince(db, { chainId: 31337, account, token: 'ETH', since: 0 })).toBe(0n);
  });

  test('default: sums a token over the window, skipping runs that never spent', () => {
    const { db } = tmp.store();
    const run = (status?: 'confirmed' | 'rejected' | 'reverted') => {
      const id = createRun(db, { text: 'send', parser: 'grammar', chainId: 31337, account, intents: [] });
      if (status) updateRun(db, id, { status });
      return id;
    };
    const now = 1_000_000_000;
    const day = 24 * 3600 * 1000;
    recordSpend(db, { runId: run('confirmed'), chainId: 31337, account, token: 'ETH', amount: 10n ** 18n, now: now - 1000 });
    recordSpend(db, { runId: run(), chainId: 31337, account, token: 'ETH', amount: 2n * 10n ** 18n, now: now - 500 });
    recordSpend(db, { runId: run('rejected'), chainId: 31337, account, token: 'ETH', amount: 5n * 10n ** 18n, now });
    recordSpend(db, { runId: run('reverted'), chainId: 31337, account, token: 'ETH', amount: 7n * 10n ** 18n, now });
    recordSpend(db, { runId: run('confirmed'), chainId: 31337, account, token: 'ETH', amount: 100n, now: now - day - 1 });
    recordSpend(db, { runId: run('confirmed'), chainId: 31337, account, token: usdc, amount: 50_000_000n, now });
    expect(sumSpentSince(db, { chainId: 31337, account, token: 'ETH', now })).toBe(3n * 10n ** 18n);
    expect(sumSpentSince(db, { chainId: 31337, account: account.toLowerCase(), token: 'ETH', since: 0 })).toBe(3n * 10n ** 18n + 100n);
    expect(sumSpentSince(db, { chainId: 31337, account, token: usdc.toLowerCase() as `0x${string}`, now })).toBe(50_000_000n);
    expect(sumSpentSince(db, { chainId: 1, account, token: 'ETH', now })).toBe(0n);
  });

  test('behavior: amounts beyond 2^64 sum exactly (stored as TEXT, added as bigint)', () => {
    const { db } = tmp.store();
    const runId = createRun(db, { text: 'x', parser: 'grammar', chainId: 1, account, intents: [] });
    const huge = 2n ** 200n + 1n;
    recordSpend(db, { runId, chainId: 1, account, token: 'ETH', amount: huge, now: 1 });
    recordSpend(db, { runId, chainId: 1, account, token: 'ETH', amount: huge, now: 2 });
    expect(sumSpentSince(db, { chainId: 1, account, token: 'ETH', since: 0 })).toBe(2n * huge);
  });
});

describe('input history', () => {
  test('default: newest first, skips blanks and consecutive duplicates', () => {
    const { db } = tmp.store();
    for (const line of ['swap 1 ETH for USDC', 'swap 1 ETH for USDC', '  ', 'balance', 'swap 1 ETH for USDC']) appendInput(db, line);
    expect(listInputs(db, 10)).toEqual(['swap 1 ETH for USDC', 'balance', 'swap 1 ETH for USDC']);
    expect(listInputs(db, 1)).toEqual(['swap 1 ETH for USDC']);
  });

  test('behavior: keeps only the last 1,000 lines', () => {
    const { db } = tmp.store();
    for (let i = 0; i < INPUT_HISTORY_LIMIT + 25; i++) appendInput(db, `line ${i}`);
    const lines = listInputs(db, 5_000);
    expect(lines).toHaveLength(INPUT_HISTORY_LIMIT);
    expect(lines[0]).toBe(`line ${INPUT_HISTORY_LIMIT + 24}`);
    expect(lines.at(-1)).toBe('line 25');
  });

  test('behavior: a pasted private key is redacted', () => {
    const { db } = tmp.store();
    appendInput(db, 'import ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
    expect(listInputs(db, 1)).toEqual(['import [redacted 32-byte hex]']);
  });
});

describe('indexer cursor', () => {
  test('default: absent, then set and updated', () => {
    const { db } = tmp.store();
    expect(getCursor(db, { chainId: 31337, contract: usdc })).toBeUndefined();
    setCursor(db, { chainId: 31337, contract: usdc.toLowerCase(), lastBlock: 10n, lastBlockHash: `0x${'AB'.repeat(32)}` });
    setCursor(db, { chainId: 31337, contract: usdc, lastBlock: 12n, lastBlockHash: `0x${'cd'.repeat(32)}` });
    expect(getCursor(db, { chainId: 31337, contract: usdc })).toEqual({
      chainId: 31337,
      contract: usdc,
      lastBlock: 12n,
      lastBlockHash: `0x${'cd'.repeat(32)}`,
    });
  });
});
