import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { zkcoderHome } from '../compiler-harness/home.js';
import { BUILTIN_PRIMITIVES, loadEntries, loadUserEntries, type KnowledgeEntry } from './entry.js';
import { CachedEmbedder } from './index/embedding-cache.js';
import type { Embedder } from './index/embedder.js';
import { entryFeatures, entryText } from './index/documents.js';
import { HashedTfIdfEmbedder } from './index/hashed-tfidf.js';
import { FILLER_WORDS, stem, words } from './index/text-features.js';
import { VectorIndex } from './index/vector-index.js';
import { calledGadgets } from './sketch-gadgets.js';

export interface SearchHit {
  entry: KnowledgeEntry;
  /** Cosine similarity in [−1, 1]; direct gadget matches from a sketch score 1. */
  score: number;
  /** Why it matched, for the user and for the model's context. */
  reason: string;
}

export interface OpenOptions {
  home?: string;
  /** A model embedder; default: the offline hashed TF-IDF embedder. */
  embedder?: Embedder;
  /** Also load the user's entries from `<home>/kb/primitives` (default true). */
  includeUser?: boolean;
  /** Builtin entries folder (tests point it elsewhere). */
  primitives?: string;
}

/** The verified primitives and a vector index over them. */
export class KnowledgeBase {
  private constructor(
    readonly entries: KnowledgeEntry[],
    private readonly embedder: Embedder,
    private readonly index: VectorIndex,
    private readonly offline: HashedTfIdfEmbedder | undefined,
    /** User entries left out because they no longer load (each says which and why). */
    readonly skipped: string[],
    /** Entries hidden from this view (see `without`); the shared index still holds them. */
    private readonly hidden: ReadonlySet<string> = new Set(),
  ) {}

  static async open(options: OpenOptions = {}): Promise<KnowledgeBase> {
    const home = zkcoderHome(options.home);
    const builtin = await loadEntries(options.primitives ?? BUILTIN_PRIMITIVES, 'builtin');
    // A user entry written for an older format must not take the whole knowledge base down with it.
    const { entries: user, skipped } = options.includeUser === false ? { entries: [], skipped: [] } : await loadUserEntries(userPrimitivesDir(home));
    const ids = new Set(builtin.map((e) => e.id));
    const entries = [...builtin, ...user.filter((e) => !ids.has(e.id))];
    const offline = options.embedder ? undefined : HashedTfIdfEmbedder.fit(entries.map(entryText));
    const embedder = options.embedder ? new CachedEmbedder(options.embedder, home) : offline!;
    // A model that did not say its vector size tells it on the first (cached) request.
    if (!embedder.dimensions) await embedder.embed(['zkcoder knowledge base']);
    const hashes = entries.map((e) => ({ id: e.id, contentHash: contentHash(e) }));
    const index = await VectorIndex.open({
      dir: join(home, 'index', embedder.id.replace(/[^A-Za-z0-9_.-]/g, '_')),
      embedderId: embedder.id,
      dimensions: embedder.dimensions,
      hashes,
      documents: async () => {
        const vectors = offline ? entries.map((e) => offline.embedFeatures(entryFeatures(e))) : await embedder.embed(entries.map(entryText));
        return entries.map((e, i) => ({ id: e.id, vector: vectors[i], contentHash: hashes[i].contentHash }));
      },
    });
    return new KnowledgeBase(entries, embedder, index, offline, skipped);
  }

  get(id: string): KnowledgeEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /**
   * The same knowledge base without some entries: they are never found, searched or returned. The
   * benchmark uses it for leave-one-out runs, so a task's own solution cannot leak into its prompt.
   */
  without(ids: string[]): KnowledgeBase {
    const hidden = new Set([...this.hidden, ...ids]);
    return new KnowledgeBase(this.entries.filter((e) => !hidden.has(e.id)), this.embedder, this.index, this.offline, this.skipped, hidden);
  }

  /** The k entries nearest to a natural-language query. */
  async search(query: string, k = 5): Promise<SearchHit[]> {
    const [vector] = await this.embedder.embed([query]);
    // Ask for as many more as are hidden, so hiding entries never shortens the list.
    const found = this.index.search(vector, k + this.hidden.size).filter(({ id }) => !this.hidden.has(id));
    return found.slice(0, k).map(({ id, similarity }) => {
      const entry = this.get(id)!;
      return { entry, score: similarity, reason: explainMatch(query, entry) };
    });
  }

  /**
   * Entries for a ZKSL sketch: the gadgets it calls map to their entries directly; the task text and
   * the sketch's comments find semantic neighbours. Results are merged, best first.
   */
  async searchForSketch(options: { sketch: string; task?: string; k?: number }): Promise<SearchHit[]> {
    const k = options.k ?? 5;
    const called = calledGadgets(options.sketch);
    const direct: SearchHit[] = [];
    for (const entry of this.entries) {
      const gadgets = entry.gadgets.filter((g) => called.has(g));
      if (gadgets.length) direct.push({ entry, score: 1, reason: `the sketch calls ${gadgets.map((g) => `${g}()`).join(', ')}` });
    }
    const comments = [...options.sketch.matchAll(/\/\/(.*)$|\/\*([\s\S]*?)\*\//gm)].map((m) => m[1] ?? m[2]).join(' ');
    const query = [options.task ?? '', comments].join('\n').trim();
    const semantic = query ? await this.search(query, k) : [];
    const seen = new Set(direct.map((h) => h.entry.id));
    return [...direct, ...semantic.filter((h) => !seen.has(h.entry.id))].slice(0, Math.max(k, direct.length));
  }
}

export function userPrimitivesDir(home: string): string {
  return join(home, 'kb', 'primitives');
}

function contentHash(entry: KnowledgeEntry): string {
  const { dir: _dir, origin: _origin, counts: _counts, ...content } = entry;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

/** The query words an entry shares, field by field: "name: softmax; tags: probabilities". */
export function explainMatch(query: string, entry: KnowledgeEntry): string {
  const wanted = new Set(words(query).map(stem));
  const fields: [string, string][] = [
    ['name', `${entry.name} ${entry.id.replace(/-/g, ' ')}`],
    ['tags', entry.tags.join(' ')],
    ['gadgets', entry.gadgets.join(' ')],
    ['description', entry.description],
  ];
  const parts: string[] = [];
  const used = new Set<string>();
  for (const [field, text] of fields) {
    // Filler ("and", "or", "than") is a reason only when it is part of the name (the AND gate).
    const telling = (w: string) => field === 'name' || !FILLER_WORDS.has(w);
    const shared = [...new Set(words(text).filter((w) => telling(w) && wanted.has(stem(w)) && !used.has(stem(w))))];
    shared.forEach((w) => used.add(stem(w)));
    if (shared.length) parts.push(`${field}: ${shared.slice(0, 4).join(', ')}`);
  }
  return parts.length ? parts.join('; ') : 'similar wording (character n-grams)';
}
