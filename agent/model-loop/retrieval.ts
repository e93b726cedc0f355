import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang } from '../../compiler-harness/types.js';
import type { KnowledgeBase, SearchHit } from '../../knowledge-base/search.js';
import type { AgentEventInput } from '../events.js';

/** A hit as the run remembers it: enough to find the entry again on resume. */
export interface StoredHit {
  id: string;
  score: number;
  reason: string;
}

/** How much retrieved text a prompt carries: the best few entries, each source cut to a page. */
export const RETRIEVAL_LIMITS = { entries: 3, charsPerSource: 2400 } as const;

export function storeHits(hits: SearchHit[]): StoredHit[] {
  return hits.map((h) => ({ id: h.entry.id, score: h.score, reason: h.reason }));
}

/** The stored hits whose entries still exist (an entry removed since the run began is skipped). */
export function restoreHits(knowledgeBase: KnowledgeBase, stored: StoredHit[] | undefined): SearchHit[] {
  return (stored ?? []).flatMap((h) => {
    const entry = knowledgeBase.get(h.id);
    return entry ? [{ entry, score: h.score, reason: h.reason }] : [];
  });
}

export function retrievedEvent(hits: SearchHit[]): AgentEventInput {
  return { type: 'retrieved', hits: storeHits(hits).map((h, i) => ({ ...h, name: hits[i].entry.name })) };
}

/** The verified ZKSL sketches of the hits, for the prompts where the model writes a sketch. */
export async function sketchExamples(hits: SearchHit[]): Promise<string> {
  const parts: string[] = [];
  for (const hit of hits.slice(0, RETRIEVAL_LIMITS.entries)) {
    const file = join(hit.entry.dir, hit.entry.sketch);
    if (!existsSync(file)) continue;
    parts.push(`${heading(hit)}\n\`\`\`ts\n${trimSource(await readFile(file, 'utf8'))}\`\`\``);
  }
  return parts.join('\n\n') || '(no related entries found)';
}

/** The verified Circom or Noir of the hits, for the prompts where the model writes that language. */
export async function implementations(hits: SearchHit[], lang: Lang): Promise<string> {
  const parts: string[] = [];
  for (const hit of hits.slice(0, RETRIEVAL_LIMITS.entries)) {
    const { entry } = hit;
    const files =
      lang === 'circom'
        ? [join(entry.dir, entry.circom.file)]
        : [join(entry.dir, entry.noir.dir, 'src', 'gadget.nr'), join(entry.dir, entry.noir.dir, 'src', 'main.nr')];
    const sources = await Promise.all(files.filter((f) => existsSync(f)).map((f) => readFile(f, 'utf8')));
    if (!sources.length) continue;
    const usage = lang === 'circom' ? `template ${entry.circom.template}` : `fn ${entry.noir.function}`;
    parts.push(`${heading(hit)} — ${usage}\n\`\`\`${lang}\n${trimSource(sources.join('\n'))}\`\`\``);
  }
  return parts.join('\n\n') || '(no related entries found)';
}

function heading(hit: SearchHit): string {
  return `## ${hit.entry.name} (${hit.entry.id}; matched ${hit.reason})\n${hit.entry.description}`;
}

/** Whole lines up to the limit, then a note of what was left out. */
export function trimSource(text: string, maxChars: number = RETRIEVAL_LIMITS.charsPerSource): string {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (body.length <= maxChars) return body;
  const cut = body.lastIndexOf('\n', maxChars);
  const kept = body.slice(0, cut + 1);
  const left = body.slice(cut + 1).split('\n').filter(Boolean).length;
  return `${kept}// … ${left} more lines left out\n`;
}
