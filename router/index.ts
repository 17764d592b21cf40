/**
 * The router: words → typed intents (kernel/intent.ts), and nothing that needs a chain or a database.
 * The grammar parser is offline and deterministic; the LLM parser is opt-in and grounded in the user's
 * words; `parseIntents` picks between them. The corpus and its evaluation (`npm run eval:intents`) measure
 * both. What comes after parsing — resolving tokens and names against a chain, choosing an agent — is the
 * runtime's.
 */
export { checkForSecrets, type CheckForSecretsErrorType } from './src/checkForSecrets.js';
export { parseIntents, type ParserMode, type ParseIntentsOptions, type ParseIntentsReturnType, type ParseIntentsErrorType } from './src/parseIntents.js';
export { describeIntent } from './src/describeIntent.js';
export { parseWithGrammar, type ParseWithGrammarOptions, type ParseWithGrammarReturnType, type ParseWithGrammarErrorType } from './src/grammar/index.js';
export { parseWithLlm, llmConfigFromEnv, type LlmConfig, type ParseWithLlmErrorType } from './src/llm/index.js';
export { loadCorpus, evaluate, type CorpusCase, type EvalReport } from './eval/corpus.js';
