import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseEmbedder } from './choose-embedder.js';
import type { Embedder } from './embedder.js';
import { CachedEmbedder } from './embedding-cache.js';
import { EmbedderError, ModelEmbedder } from './model-embedder.js';

interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: { model: string; input: string[]; encoding_format?: string };
}

/** An `/embeddings` endpoint on 127.0.0.1 that records requests and answers from `reply`. */
async function embeddingServer(reply: (request: SeenRequest) => { status?: number; body: unknown }) {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    let text = '';
    incoming.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    incoming.on('end', () => {
      const request = { method: incoming.method ?? '', path: incoming.url ?? '', headers: incoming.headers, body: JSON.parse(text || '{}') };
      requests.push(request);
      const { status = 200, body } = reply(request);
      outgoing.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const close = () => new Promise<void>((done) => server.close(() => done()));
  servers.push(close);
  return { url, requests };
}

const servers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

/** Deterministic 3-dimensional "embeddings": letter counts of a, b, c; listed in reverse order. */
function letterCounts(request: SeenRequest) {
  const data = request.body.input.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: ['a', 'b', 'c'].map((letter) => text.split(letter).length - 1),
  }));
  return { body: { object: 'list', model: request.body.model, data: data.reverse(), usage: { prompt_tokens: 1, total_tokens: 1 } } };
}

describe('ModelEmbedder against a loopback /embeddings server', () => {
  it('sends the OpenAI embeddings request and reads vectors back in input order, normalised', async () => {
    const server = await embeddingServer(letterCounts);
    const embedder = new ModelEmbedder({ model: 'test-embed', apiKey: 'sk-test', baseURL: server.url });
    const [first, second] = await embedder.embed(['aab', 'ccc']);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/embeddings');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    // Plain floats: a compatible server that ignores base64 must still be read right.
    expect(request.body).toEqual({ model: 'test-embed', input: ['aab', 'ccc'], encoding_format: 'float' });
    expect([...first].map((x) => Math.round(x * 1000) / 1000)).toEqual([0.894, 0.447, 0]);
    expect([...second]).toEqual([0, 0, 1]);
    expect(embedder.dimensions).toBe(3);
    expect(embedder.id).toBe(`model:${server.url}:test-embed`);
  });

  it('turns a 401 into one line naming the server and the key, without retrying', async () => {
    const server = await embeddingServer(() => ({ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } }));
    const embedder = new ModelEmbedder({ model: 'test-embed', apiKey: 'sk-wrong', baseURL: server.url, keyVariable: 'ZKCODER_EMBEDDING_KEY' });
    const failure = await embedder.embed(['x']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EmbedderError);
    expect((failure as Error).message).toBe(`embedding server ${server.url} refused the API key (401): set ZKCODER_EMBEDDING_KEY to a key it accepts`);
    expect(server.requests).toHaveLength(1);
  });

  it('never sends OPENAI_API_KEY to a compatible server: it gets ZKCODER_EMBEDDING_KEY or no key', async () => {
    const server = await embeddingServer(letterCounts);
    const env = { ZKCODER_EMBEDDER: 'openai-compatible', ZKCODER_EMBEDDING_URL: server.url, ZKCODER_EMBEDDING_MODEL: 'test-embed', OPENAI_API_KEY: 'sk-openai-secret' };
    await chooseEmbedder({}, env)!.embed(['a']);
    await chooseEmbedder({}, { ...env, ZKCODER_EMBEDDING_KEY: 'local-key' })!.embed(['b']);
    expect(server.requests.map((r) => r.headers.authorization ?? '')).not.toContain('Bearer sk-openai-secret');
    expect(server.requests[1].headers.authorization).toBe('Bearer local-key');
    // and the openai kind ignores a base URL from the environment: its key goes to OpenAI only
    expect(chooseEmbedder({ kind: 'openai' }, { ...env, ZKCODER_EMBEDDER: 'openai' })?.id).toBe('model:openai:test-embed');
  });

  it('refuses vectors whose size changes from the declared one', async () => {
    const server = await embeddingServer(letterCounts);
    const embedder = new ModelEmbedder({ model: 'test-embed', dimensions: 4, baseURL: server.url });
    await expect(embedder.embed(['a'])).rejects.toThrow('embedding model test-embed returned 3 dimensions, expected 4');
  });

  it('is chosen by kind, with flags over the environment and a clear error for what is missing', () => {
    expect(chooseEmbedder({}, {})).toBeUndefined();
    expect(chooseEmbedder({ kind: 'openai' }, { OPENAI_API_KEY: 'sk' })?.id).toBe('model:openai:text-embedding-3-small');
    const env = { ZKCODER_EMBEDDER: 'openai-compatible', ZKCODER_EMBEDDING_URL: 'http://127.0.0.1:9/v1', ZKCODER_EMBEDDING_MODEL: 'nomic-embed-text' };
    expect(chooseEmbedder({}, env)?.id).toBe('model:http://127.0.0.1:9/v1:nomic-embed-text');
    expect(chooseEmbedder({ model: 'mxbai-embed-large' }, env)?.id).toBe('model:http://127.0.0.1:9/v1:mxbai-embed-large');
    expect(() => chooseEmbedder({ kind: 'openai' }, {})).toThrow('the openai embedder needs an API key: set OPENAI_API_KEY');
    expect(() => chooseEmbedder({ kind: 'openai-compatible' }, {})).toThrow(/needs the server: --embedding-url/);
    expect(() => chooseEmbedder({}, { ZKCODER_EMBEDDER: 'word2vec' })).toThrow('ZKCODER_EMBEDDER: unknown embedder "word2vec" (one of hashed, openai, openai-compatible)');
  });
});

describe('CachedEmbedder', () => {
  /** Counts the texts it is asked to embed. */
  function countingEmbedder(id: string): Embedder & { asked: string[] } {
    const asked: string[] = [];
    return {
      id,
      dimensions: 2,
      asked,
      async embed(texts) {
        asked.push(...texts);
        return texts.map((t) => Float32Array.from([t.length, 1]));
      },
    };
  }

  it('embeds a text once per model and content, and again when either changes', async () => {
    const home = mkdtempSync(join(tmpdir(), 'zkcoder-embeddings-'));
    const inner = countingEmbedder('model:test:one');
    const first = await new CachedEmbedder(inner, home).embed(['less than', 'softmax']);
    // A new process (new wrapper) reads the vectors from disk: no model call.
    const again = await new CachedEmbedder(inner, home).embed(['softmax', 'less than']);
    expect(inner.asked).toEqual(['less than', 'softmax']);
    expect([...again[1]]).toEqual([...first[0]]);
    // Changed content misses; the same text under another model misses too.
    await new CachedEmbedder(inner, home).embed(['less than!', 'softmax']);
    expect(inner.asked).toEqual(['less than', 'softmax', 'less than!']);
    const other = countingEmbedder('model:test:two');
    await new CachedEmbedder(other, home).embed(['softmax']);
    expect(other.asked).toEqual(['softmax']);
  });

  it('knows the vector size of a model that says it only when asked, from its cached vectors', async () => {
    const home = mkdtempSync(join(tmpdir(), 'zkcoder-embeddings-'));
    const server = await embeddingServer(letterCounts);
    const cached = () => new CachedEmbedder(new ModelEmbedder({ model: 'test-embed', baseURL: server.url }), home);
    expect(cached().dimensions).toBe(0);
    await cached().embed(['abc']);
    expect(cached().dimensions).toBe(3);
    expect(server.requests).toHaveLength(1);
  });
});
