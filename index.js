// The package entry (`import { runAgent } from 'zkcoder'`). zkcoder runs from its TypeScript
// sources, as bin/zkcoder.js does: register tsx, then load the API from agent/index.ts. Static
// re-exports would be resolved before tsx is registered, hence the import and the names below;
// test/package-entry.test.ts checks this list against agent/index.ts.
import { register } from 'tsx/esm/api';

register();
const api = await import('./agent/index.ts');

export const {
  runAgent,
  STAGES,
  RunStore,
  Run,
  NO_MODEL_NOTICE,
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
} = api;
