/**
 * The parser-mode dispatcher: words → intents by the offline grammar, the opt-in LLM, or the grammar first
 * with the LLM as a fallback for what it cannot read (`auto`).
 *
 * Nothing here loads zod or the LLM client up front (`lucid parse` starts without them): the grammar's reading
 * is checked against the intent contract by kernel's `checkIntentList`, and by the schema itself
 * (./grammar/index.ts) only when that check cannot vouch for it; the LLM parser is imported when it is used.
 */
import { InfraError, InputError, LucidError, checkIntentList, type IntentList } from '../../kernel/core.js';
import { checkForSecrets } from './checkForSecrets.js';
import { readWithGrammar, type ParseWithGrammarOptions } from './grammar/readIntents.js';
import type { LlmConfig } from './llm/index.js';

export type ParserMode = 'grammar' | 'llm' | 'auto';

export type ParseIntentsOptions = {
  parser: ParserMode;
  /** The LLM endpoint; without it `llm` fails and `auto` is the grammar alone. */
  llm?: LlmConfig | undefined;
  /** Known token symbols, for both parsers; default every token-list symbol. */
  symbols?: readonly string[] | undefined;
};

/**
 * How firmly the reading rests on the words. `words`: every word is accounted for — the grammar's reading,
 * or an LLM reading the grammar reads the same. `roles`: an LLM reading whose values are each tied to their
 * role in the words, with the rest of the words unread; `--yes` alone never signs it.
 */
export type Grounding = 'words' | 'roles';

export type ParseIntentsReturnType = { intents: IntentList; parser: 'grammar' | 'llm'; grounding: Grounding };

export type ParseIntentsErrorType = InputError | InfraError;

/**
 * Parses the user's words into intents.
 *
 * - `grammar`: the grammar only; never touches the network.
 * - `llm`: the LLM only; `LLM_NOT_CONFIGURED` without an LLM config.
 * - `auto`: the grammar; only if it throws `UNPARSEABLE_INTENT` and an LLM is configured, the LLM. If the LLM
 *   is then unreachable or too slow, the grammar's error is thrown with a hint saying so (the user learns
 *   what was not understood, exit 2); the LLM's own input errors (`UNPARSEABLE_INTENT`, `LLM_UNGROUNDED`)
 *   are thrown as they are.
 *
 * @returns {@link ParseIntentsReturnType} the intents and which parser produced them.
 *
 * @example
 * await parseIntents('swap 1 ETH for USDC', { parser: 'auto', llm: llmConfigFromEnv() })
 * // { intents: { intents: [{ action: 'swap', amount: '1', token: 'ETH', tokenOut: 'USDC' }] }, parser: 'grammar' }
 */
export async function parseIntents(text: string, options: ParseIntentsOptions): Promise<ParseIntentsReturnType> {
  // Before any parser, the LLM above all, sees the words.
  checkForSecrets(text);
  const grammarOptions = options.symbols ? { symbols: options.symbols } : {};
  const symbols = options.llm?.symbols ?? options.symbols;
  const llm: LlmConfig | undefined = options.llm && { ...options.llm, ...(symbols ? { symbols } : {}) };

  switch (options.parser) {
    case 'grammar':
      return { intents: await parseWithGrammarChecked(text, grammarOptions), parser: 'grammar', grounding: 'words' };
    case 'llm': {
      const { llmEnvVars, parseWithLlm } = await import('./llm/index.js');
      if (!llm) throw notConfigured(llmEnvVars);
      // The grammar's reading constrains the model's: a refusal stands, and a reading must be the same one.
      let grammarReading: IntentList | undefined;
      try {
        grammarReading = await parseWithGrammarChecked(text, grammarOptions);
      } catch (grammarError) {
        if (!(grammarError instanceof LucidError) || grammarError.code !== 'UNPARSEABLE_INTENT') throw grammarError;
      }
      const intents = await parseWithLlm(text, llm);
      if (!grammarReading) return { intents, parser: 'llm', grounding: 'roles' };
      const difference = firstDifference(grammarReading, intents);
      if (difference) throw disagreement(difference);
      return { intents: grammarReading.preview ? { ...intents, preview: true } : intents, parser: 'llm', grounding: 'words' };
    }
    case 'auto': {
      try {
        return { intents: await parseWithGrammarChecked(text, grammarOptions), parser: 'grammar', grounding: 'words' };
      } catch (grammarError) {
        if (!llm || !(grammarError instanceof LucidError) || grammarError.code !== 'UNPARSEABLE_INTENT') throw grammarError;
        try {
          const { parseWithLlm } = await import('./llm/index.js');
          return { intents: await parseWithLlm(text, llm), parser: 'llm', grounding: 'roles' };
        } catch (llmError) {
          if (llmError instanceof InfraError) throw withHint(grammarError, `The LLM fallback failed too: ${llmError.shortMessage}`);
          throw llmError;
        }
      }
    }
  }
}

/**
 * The grammar's reading, checked as `parseWithGrammar` checks it: the same intents, the same errors. A
 * reading kernel's `checkIntentList` vouches for is what the schema would return; any other goes to the schema.
 */
async function parseWithGrammarChecked(text: string, options: ParseWithGrammarOptions): Promise<IntentList> {
  const reading = readWithGrammar(text, options);
  if (checkIntentList(reading)) return reading;
  const { checkGrammarReading } = await import('./grammar/index.js');
  return checkGrammarReading(reading);
}

/** The first field where the two readings differ ("step 1 amount: 5 / 500"), or undefined when they agree. */
function firstDifference(grammar: IntentList, llm: IntentList): string | undefined {
  if (grammar.intents.length !== llm.intents.length) return `the number of steps: ${grammar.intents.length} / ${llm.intents.length}`;
  for (const [index, expected] of grammar.intents.entries()) {
    const actual = llm.intents[index]! as Record<string, unknown>;
    const wanted = expected as Record<string, unknown>;
    for (const key of new Set([...Object.keys(wanted), ...Object.keys(actual)])) {
      const a = wanted[key];
      const b = actual[key];
      const same = typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
      if (!same) return `step ${index + 1} ${key}: ${String(a ?? '(none)')} / ${String(b ?? '(none)')}`;
    }
  }
  return undefined;
}

function disagreement(difference: string): InputError {
  return new InputError('LLM_UNGROUNDED', `The LLM's reading differs from the grammar's on ${difference.replace(/[^\x20-\x7e]/g, '?').slice(0, 160)} (grammar / LLM).`, {
    hints: ['The grammar reads every word of this request; use --parser grammar or --parser auto.'],
  });
}

function notConfigured(llmEnvVars: readonly string[]): InputError {
  return new InputError('LLM_NOT_CONFIGURED', 'The LLM parser is not configured.', {
    hints: [
      `Set ${llmEnvVars.join(', ')}: LUCID_MODEL names the model; OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL for a local OpenAI-compatible server (Ollama, vLLM, llama.cpp).`,
      'Or use --parser grammar.',
    ],
  });
}

/** The same error, one hint longer; the original stays the cause. */
function withHint(error: LucidError, hint: string): LucidError {
  const copy = new InputError(error.code, error.shortMessage, {
    details: error.details,
    hints: [...error.hints, hint],
    cause: error,
  });
  return error.kind === 'input' ? copy : error;
}
