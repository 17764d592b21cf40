/**
 * The router's testing entry, for tests in the layers above: a scripted OpenAI-compatible chat server, so
 * an end-to-end test can point the real binary's LLM parser at a model that says exactly what the test wants.
 */
export { startOpenAiServer, type OpenAiTestServer, type RecordedRequest, type ScriptedAnswer } from './src/llm/testing/openaiServer.js';
