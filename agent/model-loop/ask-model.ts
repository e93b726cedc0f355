import type { AgentEventInput } from '../events.js';
import { ModelError, type ModelMessage } from '../model/types.js';
import { requestCost } from '../model/usage.js';
import type { RunContext } from '../run-context.js';

/**
 * One model request: recorded in the run's transcript, reported as events, priced when the price
 * is known. A failed request is recorded with its error, then the ModelError (budget, auth, ...)
 * is rethrown for the loop to stop on or the run to end with.
 */
export async function* askModel(context: RunContext, purpose: string, prompt: { id: string; text: string }, history: ModelMessage[] = []): AsyncGenerator<AgentEventInput, string> {
  const model = context.options.model;
  if (!model) throw new Error('askModel needs a model');
  const messages: ModelMessage[] = [...history, { role: 'user', content: prompt.text }];
  context.run.recordTranscript({ role: 'request', purpose, content: { prompt: prompt.id, messages } });
  yield { type: 'model-request', purpose, messages: messages.length };
  const response = await model.generate({ messages, signal: context.options.signal }).catch((error: unknown) => {
    // A refused request (bad key, budget spent, server down) belongs in the transcript too.
    const { kind, status } = error instanceof ModelError ? error : { kind: undefined, status: undefined };
    context.run.recordTranscript({ role: 'error', purpose, content: { prompt: prompt.id, kind, status, message: (error as Error).message } });
    throw error;
  });
  context.run.recordTranscript({ role: 'response', purpose, content: response });
  // Priced by the full provider:model id, with the configuration's price overrides (replays are free).
  const costUsd = requestCost(model.id, response.usage, context.options.meter?.prices);
  yield {
    type: 'model-response',
    purpose,
    inputTokens: response.usage.inputTokens,
    outputTokens: response.usage.outputTokens,
    costUsd,
    durationMs: response.durationMs,
  };
  return response.text;
}
