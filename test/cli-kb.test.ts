import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLoopbackServer, type RecordedRequest } from '../agent/model/testing/loopback-server.js';
import { loadEntries } from '../knowledge-base/entry.js';
import { entryText } from '../knowledge-base/index/documents.js';
import { root, zkcoder } from './run-cli.js';

const primitives = join(root, 'knowledge-base/primitives');

/** A copy of a builtin entry under a new id, in a scratch folder (or the given primitives folder). */
function copyEntry(from: string, id: string, change: (entry: { counts: { circomConstraints?: number; circomlib: { constraints: number } } }) => void = () => {}, into?: string): string {
  const dir = join(into ?? mkdtempSync(join(tmpdir(), 'zkcoder-entry-')), id);
  cpSync(join(primitives, from), dir, { recursive: true });
  const file = join(dir, 'entry.json');
  const entry = { ...JSON.parse(readFileSync(file, 'utf8')), id, name: `My ${from}` };
  change(entry);
  writeFileSync(file, JSON.stringify(entry, null, 2));
  return dir;
}

/** Embeddings by topic: [mentions softmax, does not]. Crude, but a real model server's contract. */
function topicEmbeddings(request: RecordedRequest) {
  const body = request.body as { model: string; input: string[] };
  const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: /softmax/i.test(text) ? [1, 0] : [0, 1] }));
  return { body: { object: 'list', model: body.model, data, usage: { prompt_tokens: 1, total_tokens: 1 } } };
}

describe('zkcoder kb', () => {
  it('lists, shows and searches entries', async () => {
    const list = await zkcoder(['kb', 'list', '--json']);
    expect(JSON.parse(list.stdout).length).toBeGreaterThanOrEqual(50);
    const show = await zkcoder(['kb', 'show', 'softmax']);
    expect(show.stdout).toContain('Softmax');
    expect(show.stdout).toMatch(/parameters: n=4/);
    const search = await zkcoder(['kb', 'search', 'integer division with remainder', '-k', '3', '--json']);
    expect(JSON.parse(search.stdout)[0]).toMatchObject({ id: 'int-div-rem' });
    const missing = await zkcoder(['kb', 'show', 'no-such-entry']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('zkcoder: no entry "no-such-entry" (see zkcoder kb list)');
  });

  it('verifies an entry in all three forms and prints the table', async () => {
    const result = await zkcoder(['kb', 'verify', '--id', 'is-zero']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/is-zero\s+comparison\s+2\s+4\s+\d+\s+2\s+circom:pass noir:pass zksl:pass\s+verified/);
  });

  it('fails an entry whose recorded counts differ from the measured ones, and --update-counts writes them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'zkcoder-home-'));
    const dir = copyEntry('logic-and', 'my-counted-and', (e) => {
      e.counts.circomConstraints = 99;
      e.counts.circomlib.constraints = 7;
    }, join(home, 'kb', 'primitives'));
    const stale = await zkcoder(['kb', 'verify', '--id', 'my-counted-and', '--lang', 'circom'], { env: { ZKCODER_HOME: home } });
    expect(stale.code, stale.stderr).toBe(1);
    expect(stale.stdout).toMatch(/my-counted-and\s+logic\s+3≠99\s+-\s+-\s+1≠7\s+circom:pass noir:skipped zksl:skipped\s+NOT VERIFIED/);
    expect(stale.stdout).toContain('my-counted-and: circom constraints: measured 3, entry.json says 99 (--update-counts writes it)');
    const updated = await zkcoder(['kb', 'verify', '--id', 'my-counted-and', '--lang', 'circom', '--update-counts'], { env: { ZKCODER_HOME: home } });
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stdout).toMatch(/3 \(was 99\)\s+-\s+-\s+1 \(was 7\).*circom ok \(noir, zksl not checked\)/);
    const counts = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8')).counts;
    expect(counts).toMatchObject({ circomConstraints: 3, circomlib: { template: 'AND', constraints: 1 } });
  });

  it('searches with a model embedder on an OpenAI-compatible server, embedding each text once', async () => {
    const server = await startLoopbackServer(topicEmbeddings, { maxRequests: 10 });
    try {
      const home = mkdtempSync(join(tmpdir(), 'zkcoder-home-'));
      const args = ['--embedder', 'openai-compatible', '--embedding-url', `${server.url}/v1`, '--embedding-model', 'topic-embed', '--json'];
      const first = await zkcoder(['kb', 'search', 'softmax over a row', '-k', '2', ...args], { env: { ZKCODER_HOME: home } });
      expect(first.code, first.stderr).toBe(0);
      const softmaxIds = (await loadEntries()).filter((e) => /softmax/i.test(entryText(e))).map((e) => e.id);
      const hits = JSON.parse(first.stdout) as { id: string; score: number }[];
      expect(hits).toHaveLength(2);
      for (const hit of hits) expect(softmaxIds).toContain(hit.id);
      expect(hits[0].score).toBeCloseTo(1, 5);
      expect(server.requests.every((r) => r.path === '/v1/embeddings' && (r.body as { model: string }).model === 'topic-embed')).toBe(true);
      // Entries are cached by model and content: a second search embeds only its new query.
      const before = server.requests.length;
      const second = await zkcoder(['kb', 'search', 'integer division', ...args], { env: { ZKCODER_HOME: home } });
      expect(second.code, second.stderr).toBe(0);
      expect(server.requests.slice(before).map((r) => (r.body as { input: string[] }).input)).toEqual([['integer division']]);
    } finally {
      await server.close();
    }
    const unknown = await zkcoder(['kb', 'search', 'x', '--embedder', 'word2vec']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('zkcoder: --embedder: unknown embedder "word2vec" (one of hashed, openai, openai-compatible)');
  });

  it('adds a verified user entry and refuses one whose vectors fail, showing them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'zkcoder-home-'));
    const good = copyEntry('logic-and', 'my-and');
    const added = await zkcoder(['kb', 'add', good], { env: { ZKCODER_HOME: home } });
    expect(added.stdout, added.stderr).toContain('added my-and');
    // Counts are measured on the way in and recorded in the added copy.
    const addedCounts = JSON.parse(readFileSync(join(home, 'kb', 'primitives', 'my-and', 'entry.json'), 'utf8')).counts;
    expect(addedCounts).toMatchObject({ circomConstraints: 3, noirOpcodes: 3, noirGates: expect.any(Number) });
    const listed = await zkcoder(['kb', 'list', '--json'], { env: { ZKCODER_HOME: home } });
    expect(JSON.parse(listed.stdout).find((e: { id: string }) => e.id === 'my-and')).toMatchObject({ origin: 'user' });

    const bad = copyEntry('logic-and', 'my-bad-and');
    const vectorsFile = join(bad, 'vectors.json');
    const vectors = JSON.parse(readFileSync(vectorsFile, 'utf8'));
    vectors.accept[0].outputs = { out: 7 };
    writeFileSync(vectorsFile, JSON.stringify(vectors));
    const refused = await zkcoder(['kb', 'add', bad], { env: { ZKCODER_HOME: home } });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('NOT VERIFIED');
    expect(refused.stdout).toContain('✗ accept[0]');
    expect(refused.stderr).toContain('my-bad-and: refused');
    expect(existsSync(join(home, 'kb', 'primitives', 'my-bad-and'))).toBe(false);

    // A user entry under a built-in id would be shadowed by it: refused before any work.
    const clash = await zkcoder(['kb', 'add', copyEntry('logic-and', 'logic-or')], { env: { ZKCODER_HOME: home } });
    expect(clash.code).toBe(2);
    expect(clash.stderr.trim()).toBe('zkcoder: logic-or: a built-in entry has this id (OR); give yours another id in entry.json and rename its folder');
  }, 300_000);
});
