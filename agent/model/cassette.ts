import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { redactedJson } from './redaction.js';
import type { ModelMessage } from './types.js';

/**
 * A cassette is a recorded conversation with a real model, replayed in tests and demos so a run is
 * reproducible without a key or a network. Requests are matched by a hash of their messages.
 */
const messageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});

const exchangeSchema = z.object({
  request: z.object({
    hash: z.string(),
    messages: z.array(messageSchema),
    maxTokens: z.number().optional(),
    temperature: z.number().optional(),
    stop: z.array(z.string()).optional(),
    responseFormat: z.enum(['text', 'json']).optional(),
  }),
  response: z.object({
    text: z.string(),
    usage: z.object({
      inputTokens: z.number(),
      outputTokens: z.number(),
      estimated: z.boolean().optional(),
    }),
    finishReason: z.enum(['stop', 'length', 'content-filter', 'other']),
    durationMs: z.number(),
  }),
});

export const cassetteSchema = z.object({
  version: z.literal(1),
  provider: z.string(),
  model: z.string(),
  exchanges: z.array(exchangeSchema),
});

export type Cassette = z.infer<typeof cassetteSchema>;
export type CassetteExchange = z.infer<typeof exchangeSchema>;

export const cassetteVersion = 1;

/** Thrown for a cassette that cannot be read or does not match the recorded conversation. */
export class CassetteError extends Error {
  override name = 'CassetteError';
}

/**
 * SHA-256 over the roles and contents only: sampling settings may change without invalidating a
 * recording, but any change to what the model is told does.
 */
export function hashMessages(messages: ModelMessage[]): string {
  const canonical = JSON.stringify(messages.map((message) => [message.role, message.content]));
  return createHash('sha256').update(canonical).digest('hex');
}

export async function readCassette(file: string): Promise<Cassette> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CassetteError(`cassette ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CassetteError(`cassette ${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = cassetteSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(top level)';
    throw new CassetteError(`cassette ${file}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * Writes through a temporary file so an interrupted run never leaves half a cassette behind; redacted,
 * as cassettes are shared (a request that carried a key will then not replay, which is right).
 */
export async function writeCassette(file: string, cassette: Cassette): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${redactedJson(cassette, 2)}\n`, 'utf8');
  await rename(temporary, file);
}

/** Names the first message that differs, so a stale cassette says what changed in the prompt. */
export function describeMismatch(expected: ModelMessage[], actual: ModelMessage[]): string {
  const length = Math.max(expected.length, actual.length);
  for (let index = 0; index < length; index += 1) {
    const want = expected[index];
    const got = actual[index];
    if (!want || !got) {
      return `the cassette has ${expected.length} messages, the request ${actual.length}`;
    }
    if (want.role !== got.role) {
      return `message ${index + 1} is '${got.role}', the cassette has '${want.role}'`;
    }
    if (want.content !== got.content) {
      const at = firstDifference(want.content, got.content);
      return `message ${index + 1} (${got.role}) differs at character ${at + 1}: cassette ${excerpt(want.content, at)}, request ${excerpt(got.content, at)}`;
    }
  }
  return 'the messages are equal but the hashes differ (edited cassette?)';
}

function firstDifference(left: string, right: string): number {
  let index = 0;
  while (index < left.length && index < right.length && left[index] === right[index]) index += 1;
  return index;
}

function excerpt(text: string, at: number): string {
  return JSON.stringify(text.slice(Math.max(0, at - 10), at + 30));
}
