import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny HTTP server on 127.0.0.1 that plays a provider's endpoint for tests: it records every
 * request (method, path, headers, parsed body) and answers from a script. Bounded in requests and
 * body size so a runaway retry loop fails the test instead of spinning.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body is JSON, the raw text otherwise. */
  body: unknown;
}

export interface ScriptedReply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as they are. */
  body?: unknown;
  /** Waits this long before answering, to exercise time limits. */
  delayMs?: number;
}

export type ReplyScript =
  | ScriptedReply[]
  | ((request: RecordedRequest, index: number) => ScriptedReply);

export interface LoopbackServer {
  /** e.g. `http://127.0.0.1:53211` (no trailing slash). */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const maximumBodyBytes = 1_000_000;

export async function startLoopbackServer(
  script: ReplyScript,
  options: { maxRequests?: number } = {},
): Promise<LoopbackServer> {
  const maxRequests = options.maxRequests ?? 20;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maximumBodyBytes) incoming.destroy();
      else chunks.push(chunk);
    });
    incoming.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: parseBody(text),
      };
      const index = requests.length;
      requests.push(recorded);
      const reply =
        index >= maxRequests
          ? { status: 418, body: { error: { message: 'test server: too many requests' } } }
          : pickReply(script, recorded, index);
      const send = () => {
        const isText = typeof reply.body === 'string';
        outgoing.writeHead(reply.status ?? 200, {
          'content-type': isText ? 'text/plain' : 'application/json',
          ...reply.headers,
        });
        outgoing.end(isText ? (reply.body as string) : JSON.stringify(reply.body ?? {}));
      };
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!outgoing.destroyed) send();
        }, reply.delayMs);
        timers.add(timer);
      } else {
        send();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function pickReply(script: ReplyScript, request: RecordedRequest, index: number): ScriptedReply {
  if (typeof script === 'function') return script(request, index);
  // The last scripted reply repeats, so "always fail" is a one-element script.
  return script[Math.min(index, script.length - 1)] ?? { status: 500 };
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An OpenAI Chat Completions success body. */
export function chatCompletionReply(
  text: string,
  usage = { prompt_tokens: 12, completion_tokens: 5 },
): ScriptedReply {
  return {
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'test-model',
      choices: [
        { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' },
      ],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

/** An Anthropic Messages success body. */
export function anthropicMessageReply(text: string, stopReason = 'end_turn'): ScriptedReply {
  return {
    body: {
      id: 'msg_test',
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [{ type: 'text', text }],
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 7 },
    },
  };
}
