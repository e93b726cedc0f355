// Runs every level-1 confirm snippet and prints the questions whose stated facts do not hold:
// npx tsx eval/suite/tools/confirm.ts [ID_REGEX]
import { createBackend } from '../../../compiler-harness/index.js';
import { confirmProblems } from '../suite-check.js';
import { readJsonl, type Question } from '../suite-files.js';

const filter = new RegExp(process.argv[2] ?? '.');
const questions = readJsonl<Question>('level1.jsonl').filter((q) => q.confirm && filter.test(q.id));
const backends = { circom: await createBackend('circom', { timeoutMs: 180_000, compiles: 100 }), noir: await createBackend('noir', { timeoutMs: 180_000, compiles: 100 }) };
let failed = 0;
for (const q of questions) {
  const problems = await confirmProblems(backends[q.lang], q);
  if (problems.length) {
    failed++;
    console.log(`${q.id}: ${problems.join(' | ')}`);
  }
}
console.log(`${questions.length - failed}/${questions.length} confirmed`);
await backends.circom.dispose();
await backends.noir.dispose();
