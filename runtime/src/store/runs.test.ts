import { describe, expect, test } from 'vitest';
import { RefusedError } from '../../../kernel/index.js';
import { createRun, getRun, isFinalRunStatus, listRuns, updateRun } from './runs.js';
import { thrown, useTempDirs } from './test-utils/tmp.js';

const tmp = useTempDirs();
const account = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const intents = [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }];
// anvil account #0's well-known public test key: exactly the shape the guard must refuse.
const keyShaped = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

describe('runs', () => {
  test('default: createRun stores the words and intents in status parsed', () => {
    const { db } = tmp.store();
    const id = createRun(db, { text: 'swap 1 ETH for USDC', parser: 'grammar', chainId: 31337, account, intents, now: 1000 });
    expect(getRun(db, id)).toEqual({
      id,
      createdAt: 1000,
      updatedAt: 1000,
      text: 'swap 1 ETH for USDC',
      parser: 'grammar',
      chainId: 31337,
      account,
      status: 'parsed',
      intents,
      agentId: null,
      plan: null,
      simulation: null,
      review: null,
      result: null,
      errorCode: null,
      errorMessage: null,
    });
  });

  test('behavior: updateRun writes only the given fields, bumps updated_at, stores bigints as strings', () => {
    const { db } = tmp.store();
    const id = createRun(db, { text: 'swap 1 ETH for USDC', parser: 'llm', chainId: 31337, account, intents, now: 1000 });
    updateRun(db, id, { status: 'simulated', agentId: 7n, plan: { calls: [{ to: account, value: 10n ** 18n }] } }, 2000);
    updateRun(db, id, { result: { diff: -(10n ** 18n) } }, 3000);
    const run = getRun(db, id);
    expect(run?.status).toBe('simulated');
    expect(run?.agentId).toBe('7');
    expect(run?.plan).toEqual({ calls: [{ to: account, value: '1000000000000000000' }] });
    expect(run?.result).toEqual({ diff: '-1000000000000000000' });
    expect(run?.intents).toEqual(intents);
    expect(run?.createdAt).toBe(1000);
    expect(run?.updatedAt).toBe(3000);
  });

  test('behavior: listRuns is newest first and pages with before', () => {
    const { db } = tmp.store();
    const ids = ['a', 'b', 'c', 'd'].map((text) => createRun(db, { text, parser: 'grammar', chainId: 1, account, intents: [] }));
    expect(listRuns(db, { limit: 2 }).map((r) => r.text)).toEqual(['d', 'c']);
    expect(listRuns(db, { limit: 10, before: ids[2] }).map((r) => r.text)).toEqual(['b', 'a']);
  });

  test('behavior: a run for words that did not parse is recorded failed with its error', () => {
    const { db } = tmp.store();
    const id = createRun(db, {
      text: 'do the thing',
      parser: 'command',
      chainId: 31337,
      account,
      intents: [],
      status: 'failed',
      errorCode: 'UNPARSEABLE_INTENT',
      errorMessage: 'could not understand "do the thing"',
    });
    expect(getRun(db, id)).toMatchObject({ status: 'failed', parser: 'command', errorCode: 'UNPARSEABLE_INTENT' });
    expect(isFinalRunStatus('failed')).toBe(true);
    expect(isFinalRunStatus('sent')).toBe(false);
  });

  describe('secrets', () => {
    test('SECRET_REJECTED: a private-key-shaped value in a JSON field is refused and nothing is written', () => {
      const { db } = tmp.store();
      const id = createRun(db, { text: 'x', parser: 'grammar', chainId: 1, account, intents: [], now: 1 });
      const error = thrown(() => updateRun(db, id, { status: 'simulated', plan: { calls: [{ note: keyShaped }] } }, 2));
      expect(error).toBeInstanceOf(RefusedError);
      expect(error.code).toBe('SECRET_REJECTED');
      expect(error.message).not.toContain(keyShaped.slice(2));
      expect(error.message).toContain('$.calls[0].note');
      const run = getRun(db, id);
      expect(run?.status).toBe('parsed');
      expect(run?.plan).toBeNull();
      expect(run?.updatedAt).toBe(1);
    });

    test('SECRET_REJECTED: a field named like a secret is refused whatever its value', () => {
      const { db } = tmp.store();
      const id = createRun(db, { text: 'x', parser: 'grammar', chainId: 1, account, intents: [] });
      expect(thrown(() => updateRun(db, id, { simulation: { privateKey: 'abc' } })).code).toBe('SECRET_REJECTED');
      expect(thrown(() => updateRun(db, id, { result: { mnemonic: 'test test test' } })).code).toBe('SECRET_REJECTED');
      expect(thrown(() => createRun(db, { text: 'x', parser: 'grammar', chainId: 1, account, intents: [{ to: keyShaped }] })).code).toBe(
        'SECRET_REJECTED',
      );
    });

    test('behavior: 32-byte values under hash fields are accepted (tx hashes, topics, log data)', () => {
      const { db } = tmp.store();
      const id = createRun(db, { text: 'x', parser: 'grammar', chainId: 1, account, intents: [] });
      const result = { txHash: keyShaped, logs: [{ topics: [keyShaped, keyShaped], data: keyShaped, blockHash: keyShaped }] };
      updateRun(db, id, { result });
      expect(getRun(db, id)?.result).toEqual(result);
    });

    test('behavior: a key pasted into the words is redacted, not stored', () => {
      const { db } = tmp.store();
      const id = createRun(db, { text: `send 1 ETH to bob ${keyShaped}`, parser: 'grammar', chainId: 1, account, intents: [] });
      expect(getRun(db, id)?.text).toBe('send 1 ETH to bob [redacted 32-byte hex]');
    });
  });

  describe('errors', () => {
    test('DB_ROW_NOT_FOUND: updating a run that does not exist', () => {
      const { db } = tmp.store();
      expect(thrown(() => updateRun(db, 999, { status: 'failed' })).code).toBe('DB_ROW_NOT_FOUND');
    });

    test('CHECK: an unknown status is refused by the schema', () => {
      const { db } = tmp.store();
      const id = createRun(db, { text: 'x', parser: 'grammar', chainId: 1, account, intents: [] });
      // @ts-expect-error not a RunStatus
      expect(() => updateRun(db, id, { status: 'exploded' })).toThrow(/CHECK constraint/);
    });
  });
});
