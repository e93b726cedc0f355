import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { JsonDataError, parseJsonData } from '../compiler-harness/json-data.js';

export const CATEGORIES = ['logic', 'bitwise', 'comparison', 'arithmetic', 'composite', 'zkml'] as const;

const Parameter = z.strictObject({
  name: z.string().min(1),
  default: z.number().int(),
  description: z.string().optional(),
});

/**
 * circomlib's counterpart of an entry, compiled by `kb verify` at `params` (default: the entry's
 * defaults) to check `constraints`. `comparable: false` marks a counterpart with another interface
 * (e.g. bit arrays in, bit arrays out), whose count is recorded but not a like-for-like comparison.
 */
const CircomlibCount = z
  .strictObject({
    template: z.string().min(1),
    /** File under circomlib/circuits/, e.g. `comparators.circom`. */
    file: z.string().regex(/^[\w/.-]+\.circom$/, 'a file under circomlib/circuits/, e.g. comparators.circom'),
    params: z.array(z.number().int()).optional(),
    constraints: z.number().int().nonnegative(),
    comparable: z.boolean().default(true),
    note: z.string().optional(),
  })
  .refine((c) => c.comparable || c.note, { message: 'say in note why the counts are not comparable', path: ['note'] });

/** `entry.json` of a knowledge-base entry (see knowledge-base/FORMAT.md). */
export const EntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case: lower-case words joined by -'),
  name: z.string().min(1),
  category: z.enum(CATEGORIES),
  description: z.string().min(20, 'say what the circuit proves and its preconditions'),
  parameters: z.array(Parameter).default([]),
  tags: z.array(z.string()).default([]),
  /**
   * Parameters a tag implies: a task that names the entry by "square" wants pow-const at e = 2, not
   * its default x^5. Keys are tags; values set parameters the entry has.
   */
  tagParameters: z.record(z.string(), z.record(z.string(), z.number().int())).default({}),
  circom: z.object({
    file: z.string().default('circuit.circom'),
    template: z.string().min(1),
    publicInputs: z.array(z.string()).default([]),
    vectors: z.string().optional(),
  }),
  noir: z.object({
    dir: z.string().default('noir'),
    function: z.string().min(1),
    vectors: z.string().optional(),
  }),
  /** The ZKSL sketch, beside entry.json. */
  sketch: z.string().default('sketch.ts'),
  /** ZKSL gadgets this entry implements, so a sketch calling them finds it directly. */
  gadgets: z.array(z.string()).default([]),
  /**
   * Why vectors.json has no `reject` case: the function is total over its declared inputs (any
   * field elements). Required when there is no reject vector, refused when there is one.
   */
  rejectNone: z.string().min(20, 'say why no input can be refused').optional(),
  /** Measured by `kb verify` at the default parameters (`--update-counts` writes them). */
  counts: z
    .strictObject({
      circomConstraints: z.number().int().nonnegative().optional(),
      noirOpcodes: z.number().int().nonnegative().optional(),
      /** UltraHonk gates as bb.js counts them. */
      noirGates: z.number().int().nonnegative().optional(),
      circomlib: CircomlibCount.optional(),
    })
    .default({}),
});

export type EntryMetadata = z.infer<typeof EntrySchema>;

export interface KnowledgeEntry extends EntryMetadata {
  /** Folder holding the entry. */
  dir: string;
  /** Where it comes from: the shipped knowledge base or the user's. */
  origin: 'builtin' | 'user';
}

export const BUILTIN_PRIMITIVES = new URL('./primitives/', import.meta.url).pathname;

/** A problem with an entry's files, naming the entry folder and what is wrong. */
export class EntryError extends Error {
  override name = 'EntryError';
}

/** Read and validate one entry folder. */
export async function loadEntry(dir: string, origin: KnowledgeEntry['origin'] = 'builtin'): Promise<KnowledgeEntry> {
  const file = join(dir, 'entry.json');
  if (!existsSync(file)) throw new EntryError(`${dir}: no entry.json`);
  let json: unknown;
  try {
    json = parseJsonData(await readFile(file, 'utf8'));
  } catch (error) {
    if (error instanceof JsonDataError) throw new EntryError(`${file}: ${error.message}`);
    throw error;
  }
  const parsed = EntrySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EntryError(`${file}: ${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  for (const [tag, params] of Object.entries(parsed.data.tagParameters)) {
    if (!parsed.data.tags.includes(tag)) throw new EntryError(`${file}: tagParameters.${tag}: not one of the entry's tags`);
    const unknown = Object.keys(params).find((name) => !parsed.data.parameters.some((p) => p.name === name));
    if (unknown) throw new EntryError(`${file}: tagParameters.${tag}.${unknown}: not a parameter of the entry`);
  }
  return { ...parsed.data, dir, origin };
}

/** The user's entries that load, and for each one that does not, its folder and the problem. */
export async function loadUserEntries(root: string): Promise<{ entries: KnowledgeEntry[]; skipped: string[] }> {
  if (!existsSync(root)) return { entries: [], skipped: [] };
  const names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const entries: KnowledgeEntry[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    try {
      const entry = await loadEntry(join(root, name), 'user');
      if (entry.id !== name) throw new EntryError(`${entry.dir}: entry id "${entry.id}" differs from its folder name "${name}"`);
      entries.push(entry);
    } catch (error) {
      skipped.push(`user entry left out: ${(error as Error).message}`);
    }
  }
  return { entries: entries.sort((a, b) => a.id.localeCompare(b.id)), skipped };
}

/** Every entry under a primitives folder, sorted by id. Invalid entries are reported, not skipped silently. */
export async function loadEntries(root = BUILTIN_PRIMITIVES, origin: KnowledgeEntry['origin'] = 'builtin'): Promise<KnowledgeEntry[]> {
  if (!existsSync(root)) return [];
  const names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const entries = await Promise.all(names.map((name) => loadEntry(join(root, name), origin)));
  for (const entry of entries) {
    const folder = entry.dir.split('/').pop();
    if (folder !== entry.id) throw new EntryError(`${entry.dir}: entry id "${entry.id}" differs from its folder name "${folder}"`);
  }
  return entries.sort((a, b) => a.id.localeCompare(b.id));
}
