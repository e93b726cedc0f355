import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang, TargetCircuit } from '../../compiler-harness/types.js';
import { loadTestVectors, type TestVectors } from '../../compiler-harness/vectors/schema.js';
import type { KnowledgeEntry } from '../../knowledge-base/entry.js';
import { circomCircuit, noirCircuit } from '../../knowledge-base/verify.js';
import { runSketchSource } from '../../zksl/index.js';
import { deriveEntryVectors } from './entry-vectors.js';
import type { LanguageVectors } from '../pipeline/check-languages.js';

/**
 * A knowledge-base entry built at parameters the task asked for: the Circom template instantiated
 * with them, the Noir `main` with its globals set to them, the ZKSL sketch with them as its
 * defaults, and vectors derived from the sketch at them (the entry's own vectors hold only at its
 * defaults). Anything that cannot be done at those parameters is an error that says which
 * parameter and why, never a quiet fallback to the defaults.
 */
export interface EntryInstance {
  circuits: Partial<Record<Lang, TargetCircuit>>;
  vectors: LanguageVectors;
  /** The sketch source with the parameters as its defaults. */
  sketch: string;
  notes: string[];
}

export type Instantiated = { ok: true; instance: EntryInstance } | { ok: false; message: string };

export interface InstantiateOptions {
  entry: KnowledgeEntry;
  /** Every parameter of the entry, defaults included. */
  params: Record<string, number>;
  languages: Lang[];
  user?: TestVectors;
}

/** Larger circuits cannot be proved with the development setup material (a 2^16 CRS for Noir, 2^20 powers of tau). */
const PROVABLE_SIZE: Record<Lang, number> = { noir: 2 ** 16, circom: 2 ** 20 };

export async function instantiateEntry(options: InstantiateOptions): Promise<Instantiated> {
  const { entry, params, languages } = options;
  const asked = describeParams(entry, params);
  const fail = (why: string): Instantiated => ({ ok: false, message: `cannot build ${entry.id} at ${asked}: ${why}` });
  const sketchFile = join(entry.dir, entry.sketch);
  if (!existsSync(sketchFile)) return fail('the entry has no ZKSL sketch to derive test vectors from at these parameters');
  const source = await readFile(sketchFile, 'utf8');
  // The sketch at the parameters says first whether they are in range (an Arr of length 0, a UInt(0), ...).
  const built = await runSketchSource(source, { mode: 'constraints', params, timeoutMs: 60_000 });
  if (built.failure) return fail(`${built.failure.message} (${describeParameters(entry)})`);
  const limit = Math.min(...languages.map((lang) => PROVABLE_SIZE[lang]));
  if (built.counts.r1csEstimate > limit) return fail(`about ${built.counts.r1csEstimate} constraints, more than the ${limit} the development setup can prove`);

  const circuits: Partial<Record<Lang, TargetCircuit>> = {};
  if (languages.includes('circom')) {
    const circom = await circomCircuit(entry);
    if (!circom) return fail('the entry has no Circom source');
    circuits.circom = { ...circom, params: entry.parameters.map((p) => BigInt(params[p.name])) };
  }
  if (languages.includes('noir')) {
    const noir = await noirCircuit(entry);
    if (!noir) return fail('the entry has no Noir project');
    const main = setNoirGlobals(noir.files['src/main.nr'] ?? '', entry, params);
    if (!main.ok) return fail(main.message);
    circuits.noir = { ...noir, files: { ...noir.files, 'src/main.nr': main.source } };
  }

  const defaults = Object.fromEntries(entry.parameters.map((p) => [p.name, p.default]));
  const entryVectors = await loadTestVectors(join(entry.dir, entry.circom.vectors ?? 'vectors.json'));
  const derived = await deriveEntryVectors({ source, params, defaults, entryRejects: entryVectors.reject, user: options.user });
  if (!derived.ok) return fail(`no test vectors: ${derived.message}`);
  const { accept, forge, reject } = derived.counts;
  const notes = [
    `Instantiated at ${asked}. Its vectors were derived from the entry's ZKSL sketch at these parameters: ${accept} accept (sampled valid inputs, outputs computed by the sketch), ${forge} forge (those outputs moved by one) and ${reject} reject (inputs outside their declared types).`,
  ];
  const vectors: LanguageVectors = { circom: derived.vectors, noir: derived.vectors };
  if (entry.noir.vectors && circuits.noir) {
    // The Noir form computes other outputs (a different hash): its outputs are run, not compared.
    vectors.noir = { accept: derived.vectors.accept.map(({ inputs }) => ({ inputs })), reject: derived.vectors.reject, forge: [] };
    notes.push(`${entry.id}'s Noir form computes different outputs from its sketch (see its description), so at these parameters its outputs are computed and attacked by the soundness analysis, not compared with a reference.`);
  }
  return { ok: true, instance: { circuits, vectors, sketch: setSketchDefaults(source, params), notes } };
}

/** "n=8, bits=8" */
export function describeParams(entry: KnowledgeEntry, params: Record<string, number>): string {
  return entry.parameters.map((p) => `${p.name}=${params[p.name] ?? p.default}`).join(', ');
}

/** "n: row length; bits: signed width of the logits, at least 5" */
function describeParameters(entry: KnowledgeEntry): string {
  return entry.parameters.map((p) => `${p.name}: ${p.description ?? `default ${p.default}`}`).join('; ');
}

/** The Noir `main` fixes the parameters as globals named after them (`global N: u32 = 4;`). */
export function setNoirGlobals(main: string, entry: KnowledgeEntry, params: Record<string, number>): { ok: true; source: string } | { ok: false; message: string } {
  let source = main;
  for (const p of entry.parameters) {
    const value = params[p.name];
    if (value === p.default) continue;
    const global = new RegExp(`^(\\s*(?:pub\\s+)?global\\s+${p.name.toUpperCase()}\\s*:\\s*\\w+\\s*=\\s*)\\d+(\\s*;)`, 'm');
    if (!global.test(source)) return { ok: false, message: `the Noir main has no global ${p.name.toUpperCase()} to set ${p.name}=${value}` };
    source = source.replace(global, `$1${value}$2`);
  }
  return { ok: true, source };
}

/** The sketch's `params: { n: 4, bits: 8 }` defaults set to the instance's values, so the written sketch matches the circuits. */
function setSketchDefaults(source: string, params: Record<string, number>): string {
  return source.replace(/\bparams:\s*\{[^}]*\}/, (block) =>
    block.replace(/\b(\w+)(\s*:\s*)-?\d+/g, (whole, name: string, colon: string) => (name in params ? `${name}${colon}${params[name]}` : whole)),
  );
}
