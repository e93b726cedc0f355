/**
 * Reading the ZK-Eval suite (level1/2/3.jsonl) and turning its entries into circuits the
 * compiler-harness checks. Shared by the suite test and the generators; no toolchain is loaded here.
 * The line types are the task format's own (`eval/task-format.ts`); lines are read unvalidated, so the
 * suite's shape rules (`suite-shape.ts`) can name every problem at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang, TargetCircuit } from '../../compiler-harness/types.js';
import type { TestVectors } from '../../compiler-harness/vectors/schema.js';
import { readJsonLines, SUITE_DIR } from '../load-tasks.js';
import { vectorsOf, type Level1Task, type ProgramTaskLine } from '../task-format.js';

export { SUITE_DIR };

export type Question = Level1Task;
export type Confirm = NonNullable<Question['confirm']>;
export type Task = ProgramTaskLine;
export type SignalShape = NonNullable<Task['interface']['circom']>['inputs'][number];

/** Every line of a suite file, parsed as JSON (a bad line names the file and its number). */
export function readJsonl<T>(name: string): T[] {
  return readJsonLines(join(SUITE_DIR, name)).map((line) => line.json as T);
}

/** The vectors a task grades one language with. */
export function vectorsFor(task: Task, lang: Lang): TestVectors {
  const vectors = vectorsOf(task, lang);
  if (!vectors) throw new Error(`${task.id}: no vectors for ${lang}`);
  return vectors;
}

/** A task's reference solution as a circuit for the harness. */
export function solutionCircuit(task: Task, lang: Lang): TargetCircuit {
  const path = task.solution[lang];
  if (!path) throw new Error(`${task.id}: no ${lang} solution`);
  const source = readFileSync(join(SUITE_DIR, path), 'utf8');
  if (lang === 'circom') {
    return { lang, files: { 'main.circom': source }, entry: 'main.circom', name: task.id };
  }
  return { lang, files: { 'src/main.nr': source }, entry: 'src/main.nr', name: task.id, returnNames: task.interface.noir?.returnNames ?? [] };
}

/** A level-1 confirm snippet as a circuit for the harness. */
export function confirmCircuit(question: Question): TargetCircuit {
  const { source, expect } = question.confirm!;
  if (question.lang === 'circom') {
    const circuit: TargetCircuit = { lang: 'circom', files: { 'main.circom': source }, entry: 'main.circom', name: question.id };
    if (expect.template) return { ...circuit, template: expect.template, params: expect.params ?? [] };
    return circuit;
  }
  return { lang: 'noir', files: { 'src/main.nr': source }, entry: 'src/main.nr', name: question.id };
}
