import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PRIMITIVES } from './entry.js';
import { loadQueries, scoreRetrieval } from './retrieval-eval.js';
import { KnowledgeBase, userPrimitivesDir } from './search.js';

const freshHome = () => mkdtempSync(join(tmpdir(), 'zkcoder-kb-'));

describe('knowledge-base search (offline embedder + hnswlib)', () => {
  it('finds the expected entry in the top 3 for at least 95% of the query set', async () => {
    const base = await KnowledgeBase.open({ home: freshHome(), includeUser: false });
    const scores = await scoreRetrieval(base, await loadQueries());
    expect(scores.queries).toBeGreaterThanOrEqual(100);
    expect(scores.recallAt3, JSON.stringify(scores.misses, null, 1)).toBeGreaterThanOrEqual(0.95);
  });

  it('ranks softmax first for the product demo query and says why', async () => {
    const base = await KnowledgeBase.open({ home: freshHome(), includeUser: false });
    const [first] = await base.search('softmax lookup', 3);
    expect(first.entry.id).toBe('softmax');
    expect(first.reason).toContain('softmax');
  });

  it('explains hits with telling words, not filler, except where the filler is the name', async () => {
    const base = await KnowledgeBase.open({ home: freshHome(), includeUser: false });
    const hits = await base.search('quotient and remainder of integer division, and nothing else', 5);
    expect(hits[0].entry.id).toBe('int-div-rem');
    expect(hits[0].reason).toContain('remainder');
    // (The AND gate may come up, rightly explained by its name: it is the next check.)
    for (const hit of hits.filter((h) => h.entry.id !== 'logic-and')) expect(hit.reason).not.toMatch(/\b(and|else)\b/);
    const [gate] = await base.search('logical and of two bits', 1);
    expect(gate.entry.id).toBe('logic-and');
    expect(gate.reason).toMatch(/^name: and\b/);
  });

  it('leaves out a user entry that no longer loads, says which and why, and keeps the rest', async () => {
    const home = freshHome();
    const user = userPrimitivesDir(home);
    cpSync(join(BUILTIN_PRIMITIVES, 'logic-and'), join(user, 'my-and'), { recursive: true });
    const good = JSON.parse(readFileSync(join(user, 'my-and', 'entry.json'), 'utf8'));
    writeFileSync(join(user, 'my-and', 'entry.json'), JSON.stringify({ ...good, id: 'my-and' }));
    cpSync(join(BUILTIN_PRIMITIVES, 'logic-or'), join(user, 'old-or'), { recursive: true });
    writeFileSync(join(user, 'old-or', 'entry.json'), JSON.stringify({ ...good, id: 'old-or', counts: { circomConstraints: 3, gates: 9 } }));
    const base = await KnowledgeBase.open({ home });
    expect(base.get('my-and')?.origin).toBe('user');
    expect(base.get('old-or')).toBeUndefined();
    expect(base.skipped).toEqual([expect.stringMatching(/^user entry left out: .*old-or\/entry\.json: counts: /)]);
  });

  it('persists the index and rebuilds it when an entry changes', async () => {
    const home = freshHome();
    const primitives = join(mkdtempSync(join(tmpdir(), 'zkcoder-kb-entries-')), 'primitives');
    cpSync(BUILTIN_PRIMITIVES, primitives, { recursive: true });
    const first = await KnowledgeBase.open({ home, primitives, includeUser: false });
    expect((first as unknown as { index: { rebuilt: boolean } }).index.rebuilt).toBe(true);
    const again = await KnowledgeBase.open({ home, primitives, includeUser: false });
    expect((again as unknown as { index: { rebuilt: boolean } }).index.rebuilt).toBe(false);
    // Teach the sum entry a new word: the index must notice and find it by that word.
    const file = join(primitives, 'sum', 'entry.json');
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    entry.tags.push('zorbification');
    writeFileSync(file, JSON.stringify(entry));
    const changed = await KnowledgeBase.open({ home, primitives, includeUser: false });
    expect((changed as unknown as { index: { rebuilt: boolean } }).index.rebuilt).toBe(true);
    expect((await changed.search('zorbification', 1))[0].entry.id).toBe('sum');
  });

  it('maps the gadgets a sketch calls straight to their entries, then adds semantic neighbours', async () => {
    const base = await KnowledgeBase.open({ home: freshHome(), includeUser: false });
    const sketch = '// stable softmax: subtract the largest logit\nconst top = G.max(xs, { bits: 8 });';
    const hits = await base.searchForSketch({ sketch, task: 'softmax over a row', k: 4 });
    expect(hits[0]).toMatchObject({ score: 1, reason: 'the sketch calls max()' });
    expect(hits[0].entry.id).toBe('max');
    expect(hits.map((h) => h.entry.id)).toContain('softmax');
  });
});
