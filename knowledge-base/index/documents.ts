import type { KnowledgeEntry } from '../entry.js';
import type { Feature } from './text-features.js';
import { textFeatures } from './text-features.js';

/**
 * What is embedded for an entry. The name and tags say what a user would call it, so they weigh
 * more than the description, which says how it works. The ZKSL gadgets it implements (`lessThan`,
 * `assertRange` → "less than", "assert range") are what a sketch author calls it.
 */
export function entryFeatures(entry: KnowledgeEntry): Feature[] {
  return [
    ...textFeatures(entry.name, 3),
    ...textFeatures(entry.id.replace(/-/g, ' '), 2),
    ...textFeatures(entry.tags.join(' . '), 2),
    ...textFeatures(entry.gadgets.join(' . '), 1.5),
    ...textFeatures(entry.category, 1),
    ...textFeatures(entry.description, 0.6),
    ...textFeatures(entry.parameters.map((p) => `${p.name} ${p.description ?? ''}`).join(' . '), 0.5),
  ];
}

/** The same content as one plain text, for model embedders and for fitting document frequencies. */
export function entryText(entry: KnowledgeEntry): string {
  return [
    entry.name,
    entry.id.replace(/-/g, ' '),
    `category: ${entry.category}`,
    `also known as: ${entry.tags.join(', ')}`,
    entry.gadgets.length ? `ZKSL gadgets: ${entry.gadgets.join(', ')}` : '',
    entry.description,
    entry.parameters.length ? `parameters: ${entry.parameters.map((p) => `${p.name} (${p.description ?? ''})`).join('; ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
