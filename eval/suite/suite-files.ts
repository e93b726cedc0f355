/**
 * Reading the ZK-Eval suite (level1/2/3.jsonl) and turning its entries into circuits the
 * compiler-harness checks. Shared by the suite test and the generators; no toolchain is loaded here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang, TargetCircuit } from '../../compiler-harness/types.js';
import type { TestVectors } from '../../compiler-harness/vectors/schema.js';

export const SUITE_DIR = dirname(fileURLToPath(import.meta.url));

export interface Confirm {
  source: string;
  expect: {
    compiles: boolean;
    constraints?: number;
    template?: string;
    params?: number[];
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    executes?: boolean;
  };
}

export interface Question {
  id: string;
  level: 1;
  category: 'basic-syntax' | 'advanced' | 'api' | 'compiler';
  lang: Lang;
  question: string;
  choices: string[];
  answer: number;
  confirm?: Confirm;
}

export interface SignalShape {
  name: string;
  shape: number[];
}

export interface Task {
  id: string;
  level: 2 | 3;
  category: string;
  langs: Lang[];
  spec: string;
  interface: {
    circom: { template: string; params: number[]; inputs: SignalShape[]; outputs: SignalShape[]; publicInputs: string[] };
    noir: { signature: string; returnNames: string[] };
  };
  vectors: TestVectors | { circom: TestVectors; noir: TestVectors };
  leaks: string[];
  solution: { circom: string; noir: string };
}

/** Parse a JSONL file, naming the file and line of a line that is not JSON. */
export function readJsonl<T>(name: string): T[] {
  const text = readFileSync(join(SUITE_DIR, name), 'utf8');
  return text
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, index }) => {
      try {
        return JSON.parse(line) as T;
      } catch (error) {
        throw new Error(`${name}:${index + 1}: not JSON: ${(error as Error).message}`);
      }
    });
}

/** The vectors a task grades one language with. */
export function vectorsFor(task: Task, lang: Lang): TestVectors {
  const v = task.vectors as Record<string, unknown>;
  return (lang in v ? v[lang] : v) as TestVectors;
}

/** A task's reference solution as a circuit for the harness. */
export function solutionCircuit(task: Task, lang: Lang): TargetCircuit {
  const source = readFileSync(join(SUITE_DIR, task.solution[lang]), 'utf8');
  if (lang === 'circom') {
    return { lang, files: { 'main.circom': source }, entry: 'main.circom', name: task.id };
  }
  return { lang, files: { 'src/main.nr': source }, entry: 'src/main.nr', name: task.id, returnNames: task.interface.noir.returnNames };
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
