/**
 * The tasks of bench:loop's `attempts` section and the scripted model that answers them: each a
 * knowledge-base entry (or the entry at other parameters), the plain-TypeScript reference the model
 * adds to the entry's sketch, and one real bug per language for the first answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scriptedModel } from '../agent/model/index.js';
import type { LanguageModel } from '../agent/model/types.js';
import type { Lang } from '../compiler-harness/types.js';
import type { KnowledgeEntry } from '../knowledge-base/entry.js';

/** A bug a model writes: `from` replaced by `to` in the entry's source (the bench fails if `from` is not there). */
interface Bug {
  from: string;
  to: string;
}

export interface AttemptEntry {
  id: string;
  /** When the task is the entry at other parameters. */
  name?: string;
  /** What the model writes differently from the entry (its parameters). */
  edits?: { sketch?: Bug[]; circom?: Bug[]; noir?: Bug[] };
  circom: Bug;
  noir: Bug;
  reference: string;
}

/** Dense's bugs: the division identity is gone (Circom) / the remainder is not range-checked (Noir): the output can be moved. */
const DENSE_BUGS = {
  circom: { from: 'acc === out * (1 << frac) + r;', to: '' },
  noir: { from: 'r.assert_max_bit_size::<FRAC>();', to: '' },
};

/** Dense's reference, at any size (the sample inputs set it). */
const DENSE_REFERENCE = `export function reference(inputs: { x: number[]; w: number[][]; b: number[] }) {
  const out = inputs.w.map((row, j) => {
    const acc = row.reduce((total, w, i) => total + Number(w) * Number(inputs.x[i]), Number(inputs.b[j]) * 16);
    const value = Math.floor(acc / 16);
    if (value < -128 || value > 127) throw new Error('the output overflows SInt(8)');
    return value;
  });
  return { out };
}`;

/**
 * Entries of ~10 to ~800 constraints, each with one real bug per
 * language, and the plain-TypeScript reference the model adds to the entry's sketch (the loop
 * derives its vectors from it; a sample outside the reference's domain throws and is dropped).
 */
export const ATTEMPT_ENTRIES: AttemptEntry[] = [
  {
    id: 'relu',
    // The sign bit is no longer boolean: a second witness for every x.
    circom: { from: 's * (s - 1) === 0;', to: '' },
    noir: { from: 'assert(s * (s - 1) == 0);', to: '' },
    reference: `export function reference(inputs: { x: number }) {
  return { out: Math.max(Number(inputs.x), 0) };
}
export function sampleInputs(random: () => number) {
  return { x: Math.floor(random() * 256) - 128 };
}`,
  },
  {
    id: 'int-div-rem',
    // r < d is no longer enforced / the quotient is off by one.
    circom: { from: 'rBelowD.in <== d - 1 - r;', to: 'rBelowD.in <== d - 1;' },
    noir: { from: '((x / y) as Field, (x % y) as Field)', to: '((x / y) as Field + 1, (x % y) as Field)' },
    reference: `export function reference(inputs: { a: number; d: number }) {
  const a = Number(inputs.a), d = Number(inputs.d);
  if (d === 0) throw new Error('d must not be 0');
  return { q: Math.floor(a / d), r: a % d };
}
export function sampleInputs(random: () => number) {
  return { a: Math.floor(random() * 256), d: 1 + Math.floor(random() * 255) };
}`,
  },
  {
    id: 'dense',
    ...DENSE_BUGS,
    reference: `${DENSE_REFERENCE}
export function sampleInputs(random: () => number) {
  const small = () => Math.floor(random() * 32) - 16;
  return { x: [small(), small(), small()], w: [[small(), small(), small()], [small(), small(), small()]], b: [small(), small()] };
}`,
  },
  {
    id: 'dense',
    name: 'dense-8x8',
    // The same layer at 8 inputs and 8 outputs (~800 constraints): the model's sketch sets the sizes.
    edits: {
      sketch: [{ from: 'params: { m: 2, n: 3,', to: 'params: { m: 8, n: 8,' }],
      circom: [{ from: 'component main = Dense(2, 3, 8, 4);', to: 'component main = Dense(8, 8, 8, 4);' }],
      noir: [{ from: 'global M: u32 = 2;\nglobal N: u32 = 3;', to: 'global M: u32 = 8;\nglobal N: u32 = 8;' }],
    },
    ...DENSE_BUGS,
    reference: `${DENSE_REFERENCE}
export function sampleInputs(random: () => number, params: { m: number; n: number }) {
  const small = () => Math.floor(random() * 16) - 8;
  const row = () => Array.from({ length: params.n }, small);
  return { x: row(), w: Array.from({ length: params.m }, row), b: Array.from({ length: params.m }, small) };
}`,
  },
];
export const QUICK_ATTEMPT_ENTRIES = ['relu', 'dense-8x8'];

function applyBug(source: string, bug: Bug, where: string): string {
  if (!source.includes(bug.from)) throw new Error(`${where}: the bug's text is not in the source: ${bug.from}`);
  return source.replace(bug.from, bug.to);
}

/** The entry's Circom as a model writes it: the templates and a `component main`. */
function circomProgram(entry: KnowledgeEntry): string {
  const source = readFileSync(join(entry.dir, entry.circom.file), 'utf8');
  const publics = entry.circom.publicInputs?.length ? ` {public [${entry.circom.publicInputs.join(', ')}]}` : '';
  return `${source}\ncomponent main${publics} = ${entry.circom.template}(${entry.parameters.map((p) => p.default).join(', ')});\n`;
}

/** The entry's Noir as a model writes it: one main.nr, the gadget module inlined. */
function noirProgram(entry: KnowledgeEntry): string {
  const src = join(entry.dir, entry.noir.dir, 'src');
  const gadget = readFileSync(join(src, 'gadget.nr'), 'utf8');
  const main = readFileSync(join(src, 'main.nr'), 'utf8').replace('mod gadget;', '').replaceAll('gadget::', '');
  return `${gadget}\n${main}`;
}

/** Every edit applied in turn (the bench fails when one's text is not there). */
function edited(source: string, edits: Bug[] = [], where: string): string {
  return edits.reduce((text, edit) => applyBug(text, edit, where), source);
}

/** The script: the entry's sketch with its reference, the buggy program, the program; and the time spent in the model. */
export function modelFor(entry: KnowledgeEntry, task: AttemptEntry, lang: Lang): { model: LanguageModel; modelMs: () => number } {
  const where = `${task.name ?? task.id} ${lang}`;
  const sketch = `${edited(readFileSync(join(entry.dir, 'sketch.ts'), 'utf8'), task.edits?.sketch, where)}\n${task.reference}\n`;
  const program = edited(lang === 'circom' ? circomProgram(entry) : noirProgram(entry), task.edits?.[lang], where);
  const fence = lang === 'circom' ? 'circom' : 'noir';
  const scripted = scriptedModel({
    script: [`\`\`\`ts\n${sketch}\`\`\`\n`, `\`\`\`${fence}\n${applyBug(program, task[lang], where)}\`\`\`\n`, `\`\`\`${fence}\n${program}\`\`\`\n`],
  });
  let spent = 0;
  const model: LanguageModel = {
    id: scripted.id,
    async generate(request) {
      const start = performance.now();
      try {
        return await scripted.generate(request);
      } finally {
        spent += performance.now() - start;
      }
    },
  };
  return { model, modelMs: () => spent };
}
