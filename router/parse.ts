/**
 * The router's light entry: words → checked intents, and an intent in words, for `lucid parse`. It loads
 * neither zod nor the LLM client up front (router/src/parseIntents.ts loads each when a reading needs it);
 * ./index.ts holds everything else and re-exports these.
 */
export { parseIntents, type ParserMode, type ParseIntentsOptions, type ParseIntentsReturnType, type ParseIntentsErrorType } from './src/parseIntents.js';
export { describeIntent } from './src/describeIntent.js';
