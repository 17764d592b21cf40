import { describe, expect, test } from 'vitest';
import { openStore } from './db.js';
import { createRun } from './runs.js';
import { thrown, useTempDirs } from './test-utils/tmp.js';
import { getTxByHash, listPendingTxs, listTxs, markTx, recordSignedTx, type SignedTxRequest } from './txs.js';

const tmp = useTempDirs();
const account = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const request: SignedTxRequest = {
  to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  data: '0x',
  value: 10n ** 18n,
  nonce: 0,
  gas: 21_000n,
  maxFeePerGas: 2_000_000_000n,
  maxPriorityFeePerGas: 1_000_000_000n,
  chainId: 31337,
};
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

describe('txs', () => {
  test('default: recordSignedTx then listPendingTxs returns it with amounts as strings', () => {
    const { db } = tmp.store();
    const runId = createRun(db, { text: 'send 1 ETH', parser: 'grammar', chainId: 31337, account, intents: [] });
    recordSignedTx(db, { runId, idx: 0, chainId: 31337, hash: hash(1), request, now: 5 });
    expect(listPendingTxs(db)).toEqual([
      {
        id: 1,
        runId,
        idx: 0,
        chainId: 31337,
        hash: hash(1),
        request: { ...request, value: '1000000000000000000', gas: '21000', maxFeePerGas: '2000000000', maxPriorityFeePerGas: '1000000000' },
        status: 'signed',
        blockNumber: null,
        receipt: null,
        createdAt: 5,
        updatedAt: 5,
      },
    ]);
  });

  test('behavior: a signed tx survives the process ending without close (crash) and is found on reopen', () => {
    const home = tmp.dir();
    const first = openStore(home);
    const runId = createRun(first.db, { text: 'send', parser: 'grammar', chainId: 31337, account, intents: [] });
    recordSignedTx(first.db, { runId, idx: 0, chainId: 31337, hash: hash(2), request });
    // No close(): a second connection sees the committed WAL contents, as a restarted process would.
    const second = openStore(home);
    expect(listPendingTxs(second.db).map((tx) => tx.hash)).toEqual([hash(2)]);
    second.close();
    first.close();
  });

  test('behavior: markTx moves a tx out of the pending list, with block and receipt', () => {
    const { db } = tmp.store();
    const runId = createRun(db, { text: 'swap', parser: 'grammar', chainId: 31337, account, intents: [] });
    recordSignedTx(db, { runId, idx: 0, chainId: 31337, hash: hash(3), request });
    recordSignedTx(db, { runId, idx: 1, chainId: 31337, hash: hash(4), request: { ...request, nonce: 1 } });
    markTx(db, { runId, idx: 0, status: 'sent' });
    expect(listPendingTxs(db).map((tx) => [tx.idx, tx.status])).toEqual([
      [0, 'sent'],
      [1, 'signed'],
    ]);
    markTx(db, { runId, idx: 0, status: 'confirmed', blockNumber: 12n, receipt: { status: 'success', gasUsed: 21_000n, blockHash: hash(9) } });
    expect(listPendingTxs(db).map((tx) => tx.idx)).toEqual([1]);
    const [first] = listTxs(db, runId);
    expect(first?.status).toBe('confirmed');
    expect(first?.blockNumber).toBe(12n);
    expect(first?.receipt).toEqual({ status: 'success', gasUsed: '21000', blockHash: hash(9) });
    expect(getTxByHash(db, hash(3).toUpperCase().replace('0X', '0x'))?.idx).toBe(0);
  });

  test('behavior: listPendingTxs filters by chain and uses the partial index', () => {
    const { db } = tmp.store();
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM txs WHERE status IN ('signed', 'sent') ORDER BY id`).all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toContain('txs_pending');
    const runId = createRun(db, { text: 'x', parser: 'grammar', chainId: 1, account, intents: [] });
    recordSignedTx(db, { runId, idx: 0, chainId: 1, hash: hash(5), request: { ...request, chainId: 1 } });
    expect(listPendingTxs(db, { chainId: 31337 })).toEqual([]);
    expect(listPendingTxs(db, { chainId: 1 })).toHaveLength(1);
  });

  describe('errors', () => {
    test('UNIQUE: the same plan position cannot be recorded twice', () => {
      const { db } = tmp.store();
      const runId = createRun(db, { text: 'x', parser: 'grammar', chainId: 31337, account, intents: [] });
      recordSignedTx(db, { runId, idx: 0, chainId: 31337, hash: hash(6), request });
      expect(() => recordSignedTx(db, { runId, idx: 0, chainId: 31337, hash: hash(7), request })).toThrow(/UNIQUE/);
    });

    test('DB_ROW_NOT_FOUND: marking a tx that was never recorded', () => {
      const { db } = tmp.store();
      expect(thrown(() => markTx(db, { runId: 1, idx: 0, status: 'confirmed' })).code).toBe('DB_ROW_NOT_FOUND');
    });
  });
});
