/**
 * The language-model layer of the agent: one interface, its providers, and what wraps them
 * (retries, time limits, usage and budgets, recording and replay, configuration).
 */
export * from './types.js';
export { resolveModelConfig, defaultModels, defaultOpenAICompatibleBaseURL } from './config.js';
export type {
  ModelConfig,
  ModelFlags,
  NoModelConfig,
  ResolvedModelConfig,
  ResolveModelConfigOptions,
  Source,
} from './config.js';
export {
  ModelConfigError,
  configFileName,
  providerNames,
  type ProviderName,
} from './config-file.js';
export { redact, redactValue, redactedJson, rememberSecret, knownSecrets, redactedMark } from './redaction.js';
export { createLanguageModel, type CreateModelOptions, type CreatedModel } from './create.js';
export { UsageMeter, meteredModel, knownPrices, priceFor, costOf, requestCost, addResponseUsage, noUsage, type RunUsage } from './usage.js';
export type { Budget, ModelPrice, UsageTotals } from './usage.js';
export { withRetry, backoffDelay, parseRetryAfter, defaultRetryPolicy } from './retry.js';
export type { RetryNotice, RetryOptions, RetryPolicy, Sleep } from './retry.js';
export {
  CassetteError,
  hashMessages,
  readCassette,
  writeCassette,
  type Cassette,
} from './cassette.js';
export { createOpenAIModel } from './providers/openai.js';
export { createAnthropicModel } from './providers/anthropic.js';
export { createOpenAICompatibleModel } from './providers/openai-compatible.js';
export { createExecModel } from './providers/exec.js';
export { scriptedModel, ScriptExhaustedError, type ScriptedModel } from './providers/scripted.js';
export { replayModel, loadReplayModel, recordingModel } from './providers/replay.js';
