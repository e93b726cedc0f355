import { readFile } from 'node:fs/promises';
import type { KnowledgeBase } from './search.js';

export interface RetrievalQuery {
  query: string;
  /** Any of these ids answers the query. */
  expected: string[];
  paraphrase?: boolean;
}

export interface RetrievalScores {
  queries: number;
  recallAt1: number;
  recallAt3: number;
  mrr: number;
  paraphrase: { queries: number; recallAt3: number };
  latencyMs: { p50: number; p95: number };
  misses: { query: string; expected: string[]; got: string[] }[];
}

export const QUERY_SET = new URL('./retrieval-queries.json', import.meta.url);

export async function loadQueries(file: URL | string = QUERY_SET): Promise<RetrievalQuery[]> {
  return (JSON.parse(await readFile(file, 'utf8')) as { queries: RetrievalQuery[] }).queries;
}

/** Recall@1/@3, mean reciprocal rank (over the top 10) and latency of the knowledge base on a query set. */
export async function scoreRetrieval(base: KnowledgeBase, queries: RetrievalQuery[]): Promise<RetrievalScores> {
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  let paraphraseHit3 = 0;
  const latencies: number[] = [];
  const misses: RetrievalScores['misses'] = [];
  for (const q of queries) {
    const start = performance.now();
    const hits = await base.search(q.query, 10);
    latencies.push(performance.now() - start);
    const ids = hits.map((h) => h.entry.id);
    const rank = ids.findIndex((id) => q.expected.includes(id));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) {
      hit3++;
      if (q.paraphrase) paraphraseHit3++;
    } else misses.push({ query: q.query, expected: q.expected, got: ids.slice(0, 3) });
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 1000) / 1000;
  const paraphrases = queries.filter((q) => q.paraphrase).length;
  const ratio = (n: number, d: number) => Math.round((n / Math.max(d, 1)) * 1000) / 1000;
  return {
    queries: queries.length,
    recallAt1: ratio(hit1, queries.length),
    recallAt3: ratio(hit3, queries.length),
    mrr: ratio(reciprocal, queries.length),
    paraphrase: { queries: paraphrases, recallAt3: ratio(paraphraseHit3, paraphrases) },
    latencyMs: { p50: at(0.5), p95: at(0.95) },
    misses,
  };
}
