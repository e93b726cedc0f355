import { abortedError } from '../retry.js';
import {
  estimateUsage,
  ModelError,
  type LanguageModel,
  type ModelRequest,
  type ModelResponse,
} from '../types.js';

/**
 * A model for tests that implements the real interface: it answers from a script and records every
 * call, so a test can assert both what the agent did with the answers and what it asked.
 */
export type ScriptedAnswer =
  | string
  | (Partial<Omit<ModelResponse, 'text'>> & { text: string })
  | ModelError;

export type Script =
  | ScriptedAnswer[]
  | ((request: ModelRequest, index: number) => ScriptedAnswer | Promise<ScriptedAnswer>);

export interface ScriptedModelOptions {
  script: Script;
  /** Defaults to `scripted:test`. */
  id?: string;
}

/** A recorded call: the request as it was at call time (messages copied), without its signal. */
export type RecordedCall = Omit<ModelRequest, 'signal'>;

export interface ScriptedModel extends LanguageModel {
  readonly calls: RecordedCall[];
}

/** Thrown when a test's script runs out: a bug in the test, not a model failure, so not a ModelError. */
export class ScriptExhaustedError extends Error {
  override name = 'ScriptExhaustedError';
}

export function scriptedModel(options: ScriptedModelOptions | ScriptedAnswer[]): ScriptedModel {
  const { script, id = 'scripted:test' } = Array.isArray(options) ? { script: options } : options;
  const calls: RecordedCall[] = [];
  return {
    id,
    calls,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      if (request.signal?.aborted) throw abortedError();
      const index = calls.length;
      const { signal: _signal, ...rest } = request;
      // Copy the messages: the loop may keep appending to the array it passed in.
      calls.push({ ...rest, messages: request.messages.map((message) => ({ ...message })) });
      const answer = await nextAnswer(script, request, index);
      if (answer instanceof ModelError) throw answer;
      const step = typeof answer === 'string' ? { text: answer } : answer;
      return {
        text: step.text,
        usage: step.usage ?? estimateUsage(request.messages, step.text),
        finishReason: step.finishReason ?? 'stop',
        durationMs: step.durationMs ?? 0,
        ...(step.raw === undefined ? {} : { raw: step.raw }),
      };
    },
  };
}

async function nextAnswer(
  script: Script,
  request: ModelRequest,
  index: number,
): Promise<ScriptedAnswer> {
  if (typeof script === 'function') return script(request, index);
  const answer = script[index];
  if (answer === undefined) {
    throw new ScriptExhaustedError(
      `scripted model: no answer left for call ${index + 1} (the script has ${script.length})`,
    );
  }
  return answer;
}
