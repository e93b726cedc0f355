/**
 * What the benchmark runs on: the knowledge-base entries in both languages (as the verifier builds
 * them) and one-line main wrappers around circomlib's sound templates, which must never be called
 * unsound.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { circomCircuit, noirCircuit } from '../../knowledge-base/verify.js';
import type { KnowledgeEntry } from '../../knowledge-base/entry.js';
import type { Inputs, Lang, TargetCircuit } from '../../compiler-harness/types.js';
import { loadTestVectors, type TestVectors } from '../../compiler-harness/vectors/schema.js';

export interface Subject {
  /** `<entry>/<lang>`. */
  name: string;
  lang: Lang;
  circuit: TargetCircuit;
  vectors: TestVectors;
  /** Files the mutation operators may edit (never circomlib, never the generated main). */
  mutable: string[];
}

/** The entry in one language, or undefined when that form or its vectors are missing. */
export async function entrySubject(entry: KnowledgeEntry, lang: Lang): Promise<Subject | undefined> {
  const vectorsFile = join(entry.dir, (lang === 'circom' ? entry.circom.vectors : entry.noir.vectors) ?? 'vectors.json');
  if (!existsSync(vectorsFile)) return undefined;
  const vectors = await loadTestVectors(vectorsFile);
  // The same circuits `kb verify` checks.
  const circuit = lang === 'circom' ? await circomCircuit(entry) : await noirCircuit(entry);
  if (!circuit) return undefined;
  const mutable = Object.keys(circuit.files).filter((f) => f.endsWith(lang === 'circom' ? '.circom' : '.nr'));
  return { name: `${entry.id}/${lang}`, lang, circuit, vectors, mutable };
}

export interface LibrarySubject {
  name: string;
  circuit: TargetCircuit;
  inputs: Inputs;
}

/** Baby Jubjub's base point of prime order (circomlib's Base8). */
const BASE8 = [
  '5299619240641551281634865583518297030282874472190772894086521144482721001553',
  '16950150798460657717958625567821834550301663161624707787222815936182638968203',
];
const bits = (n: number, set: number[]) => Array.from({ length: n }, (_, i) => (set.includes(i) ? 1 : 0));

/** circomlib's comparators, bit decompositions, multiplexers and Poseidon, with honest inputs. */
const LIBRARY: [include: string, instance: string, inputs: Inputs][] = [
  ['comparators.circom', 'LessThan(8)', { in: [5, 100] }],
  ['comparators.circom', 'LessEqThan(8)', { in: [5, 5] }],
  ['comparators.circom', 'GreaterThan(8)', { in: [70, 5] }],
  ['comparators.circom', 'IsZero()', { in: 7 }],
  ['comparators.circom', 'IsEqual()', { in: [3, 4] }],
  ['bitify.circom', 'Num2Bits(8)', { in: 77 }],
  ['bitify.circom', 'Num2Bits_strict()', { in: 12345 }],
  ['bitify.circom', 'Bits2Num(8)', { in: bits(8, [0, 2, 3, 6]) }],
  ['mux1.circom', 'Mux1()', { c: [5, 9], s: 1 }],
  ['mux2.circom', 'Mux2()', { c: [1, 2, 3, 4], s: [1, 0] }],
  ['mux1.circom', 'MultiMux1(2)', { c: [[1, 2], [3, 4]], s: 0 }],
  ['poseidon.circom', 'Poseidon(2)', { inputs: [1, 2] }],
  // Issue 15: more of circomlib's correct templates, each one must stay "no finding". (Its
  // Montgomery / Edwards conversions, Decoder, Window4 and BitElementMulAny are left out: published
  // audit findings show them under-constrained at special points.)
  ['bitify.circom', 'Num2Bits(32)', { in: 4000000000 }],
  ['bitify.circom', 'Num2BitsNeg(8)', { in: 5 }],
  ['comparators.circom', 'LessThan(32)', { in: [70000, 69999] }],
  ['comparators.circom', 'GreaterEqThan(16)', { in: [300, 300] }],
  ['comparators.circom', 'ForceEqualIfEnabled()', { enabled: 1, in: [9, 9] }],
  ['mux3.circom', 'Mux3()', { c: [1, 2, 3, 4, 5, 6, 7, 8], s: [1, 0, 1] }],
  ['switcher.circom', 'Switcher()', { sel: 1, L: 11, R: 22 }],
  ['binsum.circom', 'BinSum(4, 2)', { in: [bits(4, [0, 2]), bits(4, [1, 2, 3])] }],
  ['gates.circom', 'XOR()', { a: 1, b: 0 }],
  ['gates.circom', 'NAND()', { a: 1, b: 1 }],
  ['gates.circom', 'MultiAND(3)', { in: [1, 1, 0] }],
  ['babyjub.circom', 'BabyAdd()', { x1: BASE8[0], y1: BASE8[1], x2: BASE8[0], y2: BASE8[1] }],
  ['babyjub.circom', 'BabyDbl()', { x: BASE8[0], y: BASE8[1] }],
  ['babyjub.circom', 'BabyCheck()', { x: BASE8[0], y: BASE8[1] }],
  ['poseidon.circom', 'Poseidon(3)', { inputs: [4, 5, 6] }],
  ['mimc.circom', 'MiMC7(10)', { x_in: 3, k: 7 }],
  ['aliascheck.circom', 'AliasCheck()', { in: bits(254, [0, 5, 200]) }],
  ['sign.circom', 'Sign()', { in: bits(254, [1, 3]) }],
];

export function librarySubjects(): LibrarySubject[] {
  return LIBRARY.map(([include, instance, inputs]) => {
    const file = `${instance.replace(/\W+/g, '_').replace(/_+$/, '')}.circom`;
    const source = `pragma circom 2.0.0;\ninclude "circomlib/circuits/${include}";\n\ncomponent main = ${instance};\n`;
    return { name: `circomlib/${instance}`, circuit: { lang: 'circom', files: { [file]: source }, entry: file, name: file.replace('.circom', '') }, inputs };
  });
}
