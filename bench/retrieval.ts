/**
 * npm run bench:retrieval — recall@1, recall@3, MRR and latency of knowledge-base search on the
 * project's query set (knowledge-base/retrieval-queries.json). Writes bench/results/retrieval.json.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadQueries, scoreRetrieval } from '../knowledge-base/retrieval-eval.js';
import { KnowledgeBase } from '../knowledge-base/search.js';

const home = mkdtempSync(join(tmpdir(), 'zkcoder-bench-retrieval-'));
let start = performance.now();
const base = await KnowledgeBase.open({ home, includeUser: false });
const coldOpenMs = performance.now() - start;
start = performance.now();
await KnowledgeBase.open({ home, includeUser: false });
const cachedOpenMs = performance.now() - start;
const queries = await loadQueries();
await scoreRetrieval(base, queries.slice(0, 5)); // warm-up
const scores = await scoreRetrieval(base, queries);
const result = {
  benchmark: 'retrieval',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, node: process.version },
  embedder: 'hashed-tfidf (offline)',
  entries: base.entries.length,
  indexOpenMs: { cold: Math.round(coldOpenMs), cached: Math.round(cachedOpenMs) },
  ...scores,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/retrieval.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify({ ...result, misses: result.misses.length }, null, 2));
for (const m of scores.misses) console.log(`miss: "${m.query}" expected ${m.expected.join('|')} got ${m.got.join(', ')}`);
