/**
 * zkcoder's programmatic API: `runAgent` (an async generator of events ending in a result), the
 * model layer (the factory and its configuration, providers, scripted and replay models, budgets),
 * run persistence, and the types that go with them. The package entry (`index.js`) re-exports
 * exactly these values. The LangChain adapter has its own entry, `zkcoder/langchain`
 * (agent/langchain.ts), so that importing zkcoder never loads LangChain.
 *
 * Example: `for await (const event of runAgent({ task: 'softmax lookup', model: scriptedModel([...]) })) …`
 */
export { runAgent, type AgentResult } from './run-agent.js';
export type { AgentOptions, RunOutcome } from './run-context.js';
export { STAGES, type AgentEvent, type AgentEventType, type FailureSummary, type OutputFile, type RetrievedHit, type RunMode, type Stage } from './events.js';
export { RunStore, Run, type RunState, type RunStatus } from './runs/run-store.js';
export { NO_MODEL_NOTICE } from './knowledge-mode/run-knowledge-mode.js';
export {
  createLanguageModel,
  resolveModelConfig,
  ModelConfigError,
  ModelError,
  isModelError,
  UsageMeter,
  meteredModel,
  priceFor,
  createOpenAIModel,
  createAnthropicModel,
  createOpenAICompatibleModel,
  createExecModel,
  scriptedModel,
  replayModel,
  loadReplayModel,
  recordingModel,
} from './model/index.js';
export type {
  LanguageModel,
  ModelMessage,
  ModelRequest,
  ModelResponse,
  ModelUsage,
  ModelErrorKind,
  ModelConfig,
  ModelFlags,
  ResolvedModelConfig,
  CreateModelOptions,
  CreatedModel,
  Budget,
  ModelPrice,
  ScriptedModel,
} from './model/index.js';
