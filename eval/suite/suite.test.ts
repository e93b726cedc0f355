/**
 * The ZK-Eval suite is right: every line has the agreed shape, every level-1 answer a compiler can
 * confirm is confirmed by the real toolchains, and every level-2/3 reference solution passes its own
 * hidden vectors (compile, accept, reject, forge) in Circom and in Noir.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../../compiler-harness/index.js';
import type { Lang } from '../../compiler-harness/types.js';
import { checkSolution, confirmProblems, reportFailures, type ConfirmCompiles } from './suite-check.js';
import { readJsonl, SUITE_DIR, type Question, type Task } from './suite-files.js';
import { questionProblems, taskProblems } from './suite-shape.js';

const LANGS: Lang[] = ['circom', 'noir'];
const questions = readJsonl<Question>('level1.jsonl');
const levels = { 2: readJsonl<Task>('level2.jsonl'), 3: readJsonl<Task>('level3.jsonl') };
const exists = (path: string) => existsSync(join(SUITE_DIR, path));
const knownEntry = (id: string) => existsSync(join(SUITE_DIR, '../../knowledge-base/primitives', id, 'entry.json'));

describe('shape', () => {
  it('level 1 has at least 120 well-formed questions in four categories, about half per language', () => {
    expect(questionProblems(questions)).toEqual([]);
    expect(questions.length).toBeGreaterThanOrEqual(120);
    for (const lang of LANGS) {
      const mine = questions.filter((q) => q.lang === lang);
      expect(mine.length).toBeGreaterThanOrEqual(50);
      expect(new Set(mine.map((q) => q.category))).toEqual(new Set(['basic-syntax', 'advanced', 'api', 'compiler']));
    }
    expect(questions.filter((q) => q.confirm).length).toBeGreaterThanOrEqual(questions.length / 2);
  });

  it('level 2 has at least 35 well-formed tasks in the five categories', () => {
    expect(taskProblems(levels[2], 2, exists, knownEntry)).toEqual([]);
    expect(levels[2].length).toBeGreaterThanOrEqual(35);
    expect(new Set(levels[2].map((t) => t.category))).toEqual(new Set(['logic', 'bitwise', 'comparison', 'arithmetic', 'composite']));
  });

  it('level 3 has at least 40 well-formed tasks', () => {
    expect(taskProblems(levels[3], 3, exists, knownEntry)).toEqual([]);
    expect(levels[3].length).toBeGreaterThanOrEqual(40);
  });

  it('task ids are unique across levels', () => {
    const ids = [...levels[2], ...levels[3]].map((t) => t.id);
    expect(ids.length).toBe(new Set(ids).size);
  });
});

// Two chains run side by side, each with its own toolchain worker (a backend runs one job at a time).
// One backend per language: a Noir backend's start (its worker's noir_wasm, a bb.js instance) costs
// about 5 s of CPU, more than a second Noir chain gained on two cores.
const chains: { name: string; lang: Lang; questions: Question[]; tasks: Task[] }[] = [
  { name: 'circom: level-1 confirm facts hold and every level-2/3 solution passes its vectors', lang: 'circom', questions, tasks: [...levels[2], ...levels[3]] },
  { name: 'noir: level-1 confirm facts hold and every level-2/3 solution passes its vectors', lang: 'noir', questions, tasks: [...levels[2], ...levels[3]] },
];

describe.concurrent('the toolchains agree with the suite', () => {
  for (const chain of chains) {
    it(chain.name, async () => {
      // Reference solutions are trusted; a generous limit keeps a loaded machine from failing a slow first run.
      const backend = await createBackend(chain.lang, { timeoutMs: 180_000, compiles: chain.questions.length + chain.tasks.length });
      const failures: string[] = [];
      const compiles: ConfirmCompiles = new Map();
      try {
        for (const question of chain.questions.filter((q) => q.lang === chain.lang && q.confirm)) {
          for (const problem of await confirmProblems(backend, question, compiles)) failures.push(`${question.id}: ${problem}`);
        }
        for (const task of chain.tasks) {
          const report = await checkSolution(backend, task, chain.lang);
          if (!report.passed) failures.push(`${task.id}: ${report.summary}: ${reportFailures(report).join('; ')}`);
        }
      } finally {
        await backend.dispose();
      }
      expect(failures).toEqual([]);
    }, 1_800_000);
  }
});
