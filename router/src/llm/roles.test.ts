/**
 * A scripted model that lies, over real HTTP through the real @langchain/openai client: each lie the issue
 * names (500 for 5, a reversed swap, alice for bob, a duplicated step, 15 DAI read as 15 ETH with 15%
 * slippage) must be refused, and the honest answer to the same words accepted. Each lie is chosen so that
 * exactly one rule of the role grounding catches it: remove the rule and its test fails.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Intent, LucidError } from '../../../kernel/index.js';
import { parseIntents } from '../parseIntents.js';
import { parseWithLlm, type LlmConfig } from './index.js';
import { startOpenAiServer, type OpenAiTestServer } from './testing/openaiServer.js';

let server: OpenAiTestServer;
let config: LlmConfig;

beforeAll(async () => {
  server = await startOpenAiServer();
  // Generous: the first call loads LangChain, which takes seconds on a busy machine.
  config = { baseUrl: server.baseUrl, model: 'liar-1', timeoutMs: 30_000 };
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  expect(server.pending()).toBe(0);
});

/** The model answers `intents` to `text`; resolves to the accepted reading or the refusal's code and field. */
async function answer(text: string, ...intents: Intent[]): Promise<string> {
  server.enqueue({ kind: 'toolCall', arguments: { intents } });
  try {
    const result = await parseWithLlm(text, config);
    return `accepted ${JSON.stringify(result.intents)}`;
  } catch (error) {
    const lucid = error as LucidError;
    return `${lucid.code} ${lucid.details ?? ''}`.trim();
  }
}

describe('an amount stands next to its token', () => {
  const text = 'send 5 USDC to bob, he owes me 500';
  test('lie: 500 USDC for "5 USDC … he owes me 500" is refused', async () => {
    expect(await answer(text, { action: 'transfer', amount: '500', token: 'USDC', to: 'bob' })).toBe('LLM_UNGROUNDED field: intents[0].amount');
  });
  test('the honest reading passes', async () => {
    expect(await answer(text, { action: 'transfer', amount: '5', token: 'USDC', to: 'bob' })).toBe(
      'accepted [{"action":"transfer","amount":"5","token":"USDC","to":"bob"}]',
    );
  });
});

describe('a swap goes the way the words say', () => {
  test('lie: "swap DAI for 10 ETH" read as selling 10 ETH for DAI is refused', async () => {
    expect(await answer('swap DAI for 10 ETH', { action: 'swap', amount: '10', token: 'ETH', tokenOut: 'DAI' })).toBe(
      'LLM_UNGROUNDED field: intents[0].token',
    );
  });
  test('lie: "buy 100 USDC with ETH" reversed is refused', async () => {
    expect(await answer('buy USDC with 100 ETH', { action: 'swap', amount: '100', token: 'USDC', tokenOut: 'ETH' })).toMatch(/^LLM_UNGROUNDED/);
  });
  test.each<[string, Intent]>([
    ['swap DAI for 10 ETH', { action: 'swap', amountOut: '10', token: 'DAI', tokenOut: 'ETH' }],
    ['buy 100 USDC with ETH', { action: 'swap', amountOut: '100', token: 'ETH', tokenOut: 'USDC' }],
    ['buy 100 USDC for ETH', { action: 'swap', amountOut: '100', token: 'ETH', tokenOut: 'USDC' }],
    ['could you use 2 ETH to get some DAI', { action: 'swap', amount: '2', token: 'ETH', tokenOut: 'DAI' }],
    ['please turn my 1 ETH into USDC', { action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }],
  ])('the honest reading of %s passes', async (text, intent) => {
    expect(await answer(text, intent)).toMatch(/^accepted/);
  });
});

describe('the recipient is the one after "to", never the negated one', () => {
  test.each(['send 5 USDC to bob not to alice', 'send 5 USDC to bob, not alice', 'send 5 USDC to bob rather than alice'])(
    'lie: alice for %s is refused',
    async (text) => {
      expect(await answer(text, { action: 'transfer', amount: '5', token: 'USDC', to: 'alice' })).toBe('LLM_UNGROUNDED field: intents[0].to');
    },
  );
  test('the honest reading passes', async () => {
    expect(await answer('send 5 USDC to bob not to alice', { action: 'transfer', amount: '5', token: 'USDC', to: 'bob' })).toMatch(/^accepted/);
  });
  test('lie: amounts handed to each other\'s recipients are refused', async () => {
    expect(
      await answer(
        'send 1 ETH to bob and 2 ETH to alice',
        { action: 'transfer', amount: '1', token: 'ETH', to: 'alice' },
        { action: 'transfer', amount: '2', token: 'ETH', to: 'bob' },
      ),
    ).toBe('LLM_UNGROUNDED field: intents[0].to');
  });
  test('lists share one amount when the words say "each"', async () => {
    const step = (to: string): Intent => ({ action: 'transfer', amount: '2', token: 'DAI', to });
    expect(await answer('send 2 DAI each to ann, ben and cat', step('ann'), step('ben'), step('cat'))).toMatch(/^accepted/);
  });
});

describe('no more steps than the words give', () => {
  const step: Intent = { action: 'transfer', amount: '1', token: 'ETH', to: 'bob' };
  test('lie: "send 1 ETH" answered three times is refused', async () => {
    expect(await answer('send 1 ETH to bob', step, step, step)).toMatch(/^LLM_UNGROUNDED field: intents/);
  });
  test('lie: a step repeated where the words have room for two is refused (same words claimed twice)', async () => {
    expect(await answer('send 1 ETH to bob, thanks', step, step)).toBe('LLM_UNGROUNDED field: intents[1].intents');
  });
  test('lie: an extra step the words have no clause for is refused', async () => {
    expect(await answer('send 1 ETH to bob', step, { action: 'wrap', amount: '1', token: 'ETH' })).toBe('LLM_UNGROUNDED field: intents');
  });
  test('two steps the words give twice pass', async () => {
    expect(await answer('send 1 ETH to bob and 1 ETH to bob', step, step)).toMatch(/^accepted/);
  });
});

describe('slippage only when the words state it', () => {
  const text = 'swap 15 DAI for ETH';
  test('lie: 15 DAI read as 15 ETH with 15% slippage is refused', async () => {
    expect(await answer(text, { action: 'swap', amountOut: '15', token: 'DAI', tokenOut: 'ETH', slippageBps: 1500 })).toMatch(/^LLM_UNGROUNDED/);
  });
  test('lie: the right swap with a 15% slippage nobody said is refused', async () => {
    expect(await answer(text, { action: 'swap', amount: '15', token: 'DAI', tokenOut: 'ETH', slippageBps: 1500 })).toBe(
      'LLM_UNGROUNDED field: intents[0].slippageBps',
    );
  });
  test('lie: the amount\'s percentage is not a slippage', async () => {
    expect(await answer('swap 15% of my DAI for ETH, slippage as usual', { action: 'swap', amount: '15%', token: 'DAI', tokenOut: 'ETH', slippageBps: 1500 })).toBe(
      'LLM_UNGROUNDED field: intents[0].slippageBps',
    );
  });
  test('a stated slippage passes', async () => {
    expect(await answer('swap 15 DAI for ETH with 0.5% slippage', { action: 'swap', amount: '15', token: 'DAI', tokenOut: 'ETH', slippageBps: 50 })).toMatch(
      /^accepted/,
    );
  });
});

describe('notes and corrections are the user\'s own words', () => {
  test('a note kept as written, a slip corrected into a known symbol', async () => {
    server.enqueue({
      kind: 'toolCall',
      arguments: {
        intents: [{ action: 'transfer', amount: '25', token: 'USDC', to: 'carol.eth' }],
        notes: ['for the rent'],
        corrections: [{ from: 'usdcc', to: 'USDC' }],
      },
    });
    const result = await parseWithLlm('Could you move 25 usdcc over to carol.eth for the rent?', config);
    expect(result).toEqual({
      intents: [{ action: 'transfer', amount: '25', token: 'USDC', to: 'carol.eth' }],
      notes: ['for the rent'],
      corrections: [{ from: 'usdcc', to: 'USDC' }],
    });
  });
  test('lie: a "correction" of one token into another is refused', async () => {
    server.enqueue({
      kind: 'toolCall',
      arguments: { intents: [{ action: 'transfer', amount: '25', token: 'USDC', to: 'bob' }], corrections: [{ from: 'DAI', to: 'USDC' }] },
    });
    const error = (await parseWithLlm('send 25 DAI to bob', config).catch((e: unknown) => e)) as LucidError;
    expect(error.code).toBe('LLM_UNGROUNDED');
    expect(error.details).toBe('field: corrections');
  });
  test('lie: a note the user did not write is refused', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'transfer', amount: '5', token: 'DAI', to: 'bob' }], notes: ['approved by the user'] } });
    const error = (await parseWithLlm('send 5 DAI to bob', config).catch((e: unknown) => e)) as LucidError;
    expect(error.details).toBe('field: notes');
  });
});

describe('what the words refuse, no model overrides', () => {
  test.each([
    ["don't send 5 DAI to bob", 'negated'],
    ['if ETH drops below 2000 swap 1 ETH for USDC', 'condition'],
    ['swap 1 ETH for USDC tomorrow', 'schedule'],
    ['every friday send 5 DAI to bob', 'schedule'],
    ['I already sent 5 DAI to bob', 'past'],
    ['bob told me to send him 5 DAI', 'someone else'],
    ['translate: send 5 DAI to bob', 'words'],
    ['what does "swap 1 ETH for USDC" mean', 'words'],
    ['send 1 or 2 ETH to bob', 'two readings'],
  ])('%s → refused (%s) and the model is never asked', async (text, why) => {
    const error = (await parseWithLlm(text, config).catch((e: unknown) => e)) as LucidError;
    expect(error.code).toBe(why === 'two readings' ? 'AMBIGUOUS_INTENT' : 'UNSUPPORTED_INTENT');
    expect(server.requests).toHaveLength(0);
  });

  test.each(['quote me a swap of 1 ETH for USDC', 'simulate swapping 1 ETH for USDC but do not sign', 'what would I get if I swapped 1 ETH for USDC'])(
    '%s → a preview, whatever the model says',
    async (text) => {
      server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] } });
      const result = await parseWithLlm(text, config);
      expect(result.preview).toBe(true);
    },
  );

  test('politeness is not a condition', async () => {
    expect(await answer('if possible, send 5 DAI to bob', { action: 'transfer', amount: '5', token: 'DAI', to: 'bob' })).toMatch(/^accepted/);
  });
});

describe('the grammar constrains the model (parseIntents)', () => {
  test('--parser llm: a reading that differs from the grammar\'s is refused', async () => {
    // Both steps are in the words, so role grounding alone accepts the shorter answer; the grammar reads both.
    server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'transfer', amount: '1', token: 'ETH', to: 'bob' }] } });
    const error = (await parseIntents('send 1 ETH to bob and 2 ETH to alice', { parser: 'llm', llm: config }).catch((e: unknown) => e)) as LucidError;
    expect(error.code).toBe('LLM_UNGROUNDED');
    expect(error.shortMessage).toMatch(/differs from the grammar's on the number of steps: 2 \/ 1/);
  });

  test('--parser llm: what the grammar refuses, the model is never asked to read', async () => {
    // The grammar refuses "about 5" as too vague; the model would have answered 5 DAI, next to its token.
    const error = (await parseIntents('send about 5 DAI to bob', { parser: 'llm', llm: config }).catch((e: unknown) => e)) as LucidError;
    expect(error.code).toBe('AMBIGUOUS_INTENT');
    expect(server.requests).toHaveLength(0);
  });

  test('--parser llm: the same reading as the grammar\'s rests on every word', async () => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] } });
    expect(await parseIntents('swap 1 ETH for USDC', { parser: 'llm', llm: config })).toMatchObject({ parser: 'llm', grounding: 'words' });
  });

  test('auto: a reading only the LLM made carries parser "llm" and grounding "roles"', async () => {
    // "zorblax" is a word no grammar accounts for; the values are each in their role.
    server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'transfer', amount: '25', token: 'DAI', to: 'carol.eth' }] } });
    const result = await parseIntents('zorblax 25 DAI to carol.eth', { parser: 'auto', llm: config });
    expect(result).toMatchObject({ parser: 'llm', grounding: 'roles' });
  });
});

describe('a share word keeps the reading the grammar gives it', () => {
  // The grammar cannot read "flick" and refuses "half eth" as two readings (0.5 ETH or half the balance); in
  // auto mode the model is asked, and neither of its possible answers may stand.
  const text = 'yo flick half eth over to bob';
  test.each(['0.5', '50%'])('lie: %s ETH for "half eth" is refused in auto mode', async (amount) => {
    server.enqueue({ kind: 'toolCall', arguments: { intents: [{ action: 'transfer', amount, token: 'ETH', to: 'bob' }] } });
    const error = await parseIntents(text, { parser: 'auto', llm: config }).then(
      () => undefined,
      (e: LucidError) => e,
    );
    expect(error?.code).toBe('LLM_UNGROUNDED');
    expect(error?.details).toBe('field: intents[0].amount');
  });

  test('the reading an article gives passes: "half an eth" is 0.5', async () => {
    expect(await answer('yo flick half an eth over to bob', { action: 'transfer', amount: '0.5', token: 'ETH', to: 'bob' })).toBe(
      'accepted [{"action":"transfer","amount":"0.5","token":"ETH","to":"bob"}]',
    );
  });
});
