import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_PRIMITIVES } from '../../knowledge-base/entry.js';
import { layerNormWithEpsilon } from './layernorm-epsilon.js';

/**
 * The verified knowledge-base sources the composed circuits instantiate. The files are used as they
 * are verified; the only change is that Noir helpers the composition calls across modules
 * (`rescale`, `assert_signed`) are made `pub`, which changes visibility, not constraints, and the
 * layernorm's eps (one unit of its variance sum) becomes a parameter (`layernorm-epsilon.ts`).
 */
export function circomSource(entry: string, root = BUILTIN_PRIMITIVES): string {
  const source = readFileSync(join(entryRoots.get(entry) ?? root, entry, 'circuit.circom'), 'utf8');
  return entry === 'layernorm' ? layerNormWithEpsilon(source, 'circom') : source;
}

export function noirModule(entry: string, root = BUILTIN_PRIMITIVES): string {
  const source = readFileSync(join(entryRoots.get(entry) ?? root, entry, 'noir', 'src', 'gadget.nr'), 'utf8');
  const module = source.replace(/^fn /gm, 'pub fn ');
  return entry === 'layernorm' ? layerNormWithEpsilon(module, 'noir') : module;
}

/** Entries outside the built-in knowledge base (registered by `zkcoder op`) → their primitives folder. */
const entryRoots = new Map<string, string>();

export function addEntryRoot(entry: string, root: string): void {
  entryRoots.set(entry, root);
}

/** A Noir module name for an entry id (`leaky-relu` → `leaky_relu`). */
export function noirModuleName(entry: string): string {
  return entry.replace(/-/g, '_');
}

/** The entries a set of layers needs, plus the input range check every circuit uses. */
export function entriesUsed(layers: readonly { kb: string[] }[]): string[] {
  return [...new Set(['range-check', ...layers.flatMap((layer) => layer.kb)])].sort();
}
