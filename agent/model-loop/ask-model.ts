import type { AgentEventInput } from '../events.js';
import { ModelError, type ModelMessage } from '../model/types.js';
import { costOf, priceFor } from '../model/usage.js';
import type { RunContext } from '../run-context.js';

/**
 * One model request: recorded in the run's transcript, reported as events, priced when the price
 * is known. Throws ModelError (budget, auth, ...) for the loop's stop conditions to read.
 */
export async function* askModel(context: RunContext, purpose: string, prompt: { id: string; text: string }, history: ModelMessage[] = []): AsyncGenerator<AgentEventInput, string> {
  const model = context.options.model;
  if (!model) throw new Error('askModel needs a model');
  const messages: ModelMessage[] = [...history, { role: 'user', content: prompt.text }];
  context.run.recordTranscript({ role: 'request', purpose, content: { prompt: prompt.id, messages } });
  yield { type: 'model-request', purpose, messages: messages.length };
  const response = await model.generate({ messages, signal: context.options.signal });
  context.run.recordTranscript({ role: 'response', purpose, content: response });
  const price = priceFor(model.id.replace(/^[^:]+:/, ''));
  yield {
    type: 'model-response',
    purpose,
    inputTokens: response.usage.inputTokens,
    outputTokens: response.usage.outputTokens,
    costUsd: price ? costOf(response.usage, price) : undefined,
    durationMs: response.durationMs,
  };
  return response.text;
}

/** Whether an error ends the run rather than the attempt: budgets, bad keys, unreachable servers. */
export function endsRun(error: unknown): error is ModelError {
  return error instanceof ModelError;
}
