/**
 * The parser-mode dispatcher: words → intents by the offline grammar, the opt-in LLM, or the grammar first
 * with the LLM as a fallback for what it cannot read (`auto`).
 */
import { InfraError, InputError, LucidError, type IntentList } from '../../kernel/index.js';
import { checkForSecrets } from './checkForSecrets.js';
import { parseWithGrammar } from './grammar/index.js';
import { llmEnvVars, parseWithLlm, type LlmConfig } from './llm/index.js';

export type ParserMode = 'grammar' | 'llm' | 'auto';

export type ParseIntentsOptions = {
  parser: ParserMode;
  /** The LLM endpoint; without it `llm` fails and `auto` is the grammar alone. */
  llm?: LlmConfig | undefined;
  /** Known token symbols, for both parsers; default every token-list symbol. */
  symbols?: readonly string[] | undefined;
};

export type ParseIntentsReturnType = { intents: IntentList; parser: 'grammar' | 'llm' };

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
      return { intents: parseWithGrammar(text, grammarOptions), parser: 'grammar' };
    case 'llm':
      if (!llm) throw notConfigured();
      return { intents: await parseWithLlm(text, llm), parser: 'llm' };
    case 'auto': {
      try {
        return { intents: parseWithGrammar(text, grammarOptions), parser: 'grammar' };
      } catch (grammarError) {
        if (!llm || !(grammarError instanceof LucidError) || grammarError.code !== 'UNPARSEABLE_INTENT') throw grammarError;
        try {
          return { intents: await parseWithLlm(text, llm), parser: 'llm' };
        } catch (llmError) {
          if (llmError instanceof InfraError) throw withHint(grammarError, `The LLM fallback failed too: ${llmError.shortMessage}`);
          throw llmError;
        }
      }
    }
  }
}

function notConfigured(): InputError {
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
