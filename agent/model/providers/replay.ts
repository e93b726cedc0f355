import {
  cassetteVersion,
  describeMismatch,
  hashMessages,
  readCassette,
  writeCassette,
  type Cassette,
} from '../cassette.js';
import { abortedError } from '../retry.js';
import { ModelError, type LanguageModel, type ModelRequest, type ModelResponse } from '../types.js';

/**
 * Replays a cassette: the n-th request must carry the same messages as the n-th recorded one, and
 * gets the recorded response back. Strict order keeps a replayed agent run identical to the
 * recorded one; any drift in the prompts is reported, never papered over.
 */
export interface ReplayModel extends LanguageModel {
  /** Exchanges not yet replayed. */
  readonly remaining: number;
}

export function replayModel(cassette: Cassette, options: { source?: string } = {}): ReplayModel {
  const source = options.source ?? 'cassette';
  let next = 0;
  const refuse = (problem: string) =>
    new ModelError({
      kind: 'bad-request',
      message: `replay ${source}: ${problem}`,
      retryable: false,
    });
  return {
    id: `replay:${cassette.provider}:${cassette.model}`,
    get remaining() {
      return cassette.exchanges.length - next;
    },
    async generate(request: ModelRequest): Promise<ModelResponse> {
      if (request.signal?.aborted) throw abortedError();
      const exchange = cassette.exchanges[next];
      if (!exchange) {
        throw refuse(
          `request ${next + 1} has no recording (the cassette holds ${cassette.exchanges.length}); record it again`,
        );
      }
      const hash = hashMessages(request.messages);
      if (hash !== exchange.request.hash) {
        const difference = describeMismatch(exchange.request.messages, request.messages);
        throw refuse(`request ${next + 1} does not match the recording: ${difference}`);
      }
      next += 1;
      return { ...exchange.response, usage: { ...exchange.response.usage } };
    },
  };
}

export async function loadReplayModel(file: string): Promise<ReplayModel> {
  return replayModel(await readCassette(file), { source: file });
}

export interface RecordingModel extends LanguageModel {
  /** What has been recorded so far (also on disk after every exchange). */
  cassette(): Cassette;
}

export interface RecordingOptions {
  file: string;
  /** Injectable for tests; defaults to an atomic write of the JSON file. */
  write?: (file: string, cassette: Cassette) => Promise<void>;
}

/**
 * Wraps a real model and writes every successful exchange to a cassette. The file is rewritten
 * after each exchange so that a run that crashes half-way still leaves a usable recording.
 */
export function recordingModel(model: LanguageModel, options: RecordingOptions): RecordingModel {
  const separator = model.id.indexOf(':');
  const cassette: Cassette = {
    version: cassetteVersion,
    provider: separator < 0 ? model.id : model.id.slice(0, separator),
    model: separator < 0 ? model.id : model.id.slice(separator + 1),
    exchanges: [],
  };
  const write = options.write ?? writeCassette;
  // Writes happen one after another even if the agent ever issues requests concurrently.
  let writing: Promise<void> = Promise.resolve();
  return {
    id: model.id,
    cassette: () => structuredClone(cassette),
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const response = await model.generate(request);
      const { text, usage, finishReason, durationMs } = response;
      cassette.exchanges.push({
        request: {
          hash: hashMessages(request.messages),
          messages: request.messages.map(({ role, content }) => ({ role, content })),
          ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
          ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
          ...(request.stop === undefined ? {} : { stop: [...request.stop] }),
          ...(request.responseFormat === undefined
            ? {}
            : { responseFormat: request.responseFormat }),
        },
        response: { text, usage: { ...usage }, finishReason, durationMs },
      });
      const snapshot = structuredClone(cassette);
      // A failed write fails its own request but must not poison every later one.
      writing = writing.catch(() => undefined).then(() => write(options.file, snapshot));
      await writing;
      return response;
    },
  };
}
