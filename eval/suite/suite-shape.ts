/** Shape rules for the suite files, beyond what JSON parsing checks: the agreed task format. */
import { parseTestVectors, type TestVectors } from '../../compiler-harness/vectors/schema.js';
import { vectorsFor, type Question, type Task } from './suite-files.js';

const CATEGORIES = ['basic-syntax', 'advanced', 'api', 'compiler'];

/** Every way a level-1 question breaks the format, as `id: problem`. */
export function questionProblems(questions: Question[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, q] of questions.entries()) {
    const where = q.id ?? `line ${index + 1}`;
    const fail = (message: string) => problems.push(`${where}: ${message}`);
    if (typeof q.id !== 'string' || !/^l1-(circom|noir)-[a-z]+-\d{3}$/.test(q.id)) fail('id must look like l1-<lang>-<topic>-NNN');
    if (seen.has(q.id)) fail('duplicate id');
    seen.add(q.id);
    if (q.level !== 1) fail('level must be 1');
    if (!CATEGORIES.includes(q.category)) fail(`category must be one of ${CATEGORIES.join(', ')}`);
    if (q.lang !== 'circom' && q.lang !== 'noir') fail('lang must be circom or noir');
    if (!q.question?.trim()) fail('question is empty');
    if (!Array.isArray(q.choices) || q.choices.length !== 4 || new Set(q.choices).size !== 4) fail('needs four distinct choices');
    if (!Number.isInteger(q.answer) || q.answer < 0 || q.answer > 3) fail('answer must be an index 0..3');
    if (q.confirm) {
      if (typeof q.confirm.source !== 'string' || !q.confirm.source.trim()) fail('confirm.source is empty');
      if (typeof q.confirm.expect?.compiles !== 'boolean') fail('confirm.expect.compiles must be a boolean');
      if (q.confirm.expect.outputs && !q.confirm.expect.inputs) fail('confirm.expect.outputs needs inputs');
      if (q.confirm.expect.template && q.lang !== 'circom') fail('confirm.expect.template is for Circom only');
    }
  }
  return problems;
}

const TASK_CATEGORIES = ['logic', 'bitwise', 'comparison', 'arithmetic', 'composite'];

/** Every way a level-2/3 task breaks the format, as `id: problem`; `exists` says whether a suite file exists, `knownEntry` a knowledge-base id. */
export function taskProblems(tasks: Task[], level: 2 | 3, exists: (path: string) => boolean, knownEntry: (id: string) => boolean): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [index, t] of tasks.entries()) {
    const fail = (message: string) => problems.push(`${t.id ?? `line ${index + 1}`}: ${message}`);
    if (!new RegExp(`^l${level}-[a-z0-9-]+$`).test(t.id ?? '')) fail(`id must look like l${level}-<name>`);
    if (seen.has(t.id)) fail('duplicate id');
    seen.add(t.id);
    if (t.level !== level) fail(`level must be ${level}`);
    if (level === 2 ? !TASK_CATEGORIES.includes(t.category) : !/^[a-z][a-z0-9-]*$/.test(t.category ?? '')) fail(`bad category ${t.category}`);
    if (JSON.stringify(t.langs) !== '["circom","noir"]') fail('langs must be ["circom", "noir"]');
    if (!t.spec || t.spec.length < 40) fail('spec is missing or too short to be precise');
    const circom = t.interface?.circom;
    if (!circom?.template || !Array.isArray(circom.params) || !circom.inputs?.length || !circom.outputs?.length || !Array.isArray(circom.publicInputs)) fail('interface.circom is incomplete');
    const noir = t.interface?.noir;
    if (!noir?.signature?.startsWith('fn main(') || !noir.returnNames?.length) fail('interface.noir is incomplete');
    for (const lang of ['circom', 'noir'] as const) {
      let vectors: TestVectors | undefined;
      try {
        vectors = parseTestVectors(vectorsFor(t, lang), `${t.id} ${lang} vectors`);
      } catch (error) {
        fail((error as Error).message);
        continue;
      }
      if (vectors.accept.length === 0) fail(`${lang}: no accept vector`);
      if (vectors.reject.length === 0) fail(`${lang}: no reject vector`);
      if (vectors.forge.length === 0) fail(`${lang}: no forge vector`);
      const names = new Set((circom?.inputs ?? []).map((s) => s.name));
      for (const v of [...vectors.accept, ...vectors.reject, ...vectors.forge]) {
        const unknown = Object.keys(v.inputs).filter((k) => !names.has(k));
        if (unknown.length) fail(`${lang}: vector input ${unknown.join(', ')} is not in the interface`);
      }
      if (!t.solution?.[lang] || !exists(t.solution[lang])) fail(`${lang}: solution ${t.solution?.[lang]} not found`);
    }
    for (const id of t.leaks ?? []) if (!knownEntry(id)) fail(`leaks names ${id}, which is not a knowledge-base entry`);
  }
  return problems;
}
