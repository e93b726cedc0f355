/**
 * The ZK-Eval suite is right: every line has the agreed shape, every level-1 answer a compiler can
 * confirm is confirmed by the real toolchains, and every level-2/3 reference solution passes its own
 * hidden vectors (compile, accept, reject, forge) in Circom and in Noir.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../compiler-harness/index.js';
import type { Backend, Lang } from '../../compiler-harness/types.js';
import { confirmProblems } from './suite-check.js';
import { readJsonl, type Question } from './suite-files.js';
import { questionProblems } from './suite-shape.js';

const LANGS: Lang[] = ['circom', 'noir'];
const questions = readJsonl<Question>('level1.jsonl');
const backends = new Map<Lang, Promise<Backend>>(LANGS.map((lang) => [lang, createBackend(lang)]));

afterAll(async () => {
  for (const backend of backends.values()) await (await backend).dispose();
});

describe('level 1: shape', () => {
  it('has at least 120 well-formed questions in four categories, about half per language', () => {
    expect(questionProblems(questions)).toEqual([]);
    expect(questions.length).toBeGreaterThanOrEqual(120);
    for (const lang of LANGS) {
      const mine = questions.filter((q) => q.lang === lang);
      expect(mine.length).toBeGreaterThanOrEqual(50);
      expect(new Set(mine.map((q) => q.category))).toEqual(new Set(['basic-syntax', 'advanced', 'api', 'compiler']));
    }
    expect(questions.filter((q) => q.confirm).length).toBeGreaterThanOrEqual(questions.length / 2);
  });
});

// The two languages run side by side: each has its own toolchain worker, and the machine two cores.
describe.concurrent('level 1: every confirm snippet states facts the compiler agrees with', () => {
  for (const lang of LANGS) {
    it(`${lang}`, async () => {
      const backend = await backends.get(lang)!;
      const failures: string[] = [];
      for (const question of questions.filter((q) => q.lang === lang && q.confirm)) {
        for (const problem of await confirmProblems(backend, question)) failures.push(`${question.id}: ${problem}`);
      }
      expect(failures).toEqual([]);
    }, 600_000);
  }
});
