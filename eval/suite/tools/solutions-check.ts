// Runs reference solutions against their vectors and prints failures:
// npx tsx eval/suite/tools/solutions-check.ts level2.jsonl [ID_REGEX] [--soundness]
import { createBackend } from '../../../compiler-harness/index.js';
import type { Lang } from '../../../compiler-harness/types.js';
import { checkSolution, reportFailures } from '../suite-check.js';
import { readJsonl, type Task } from '../suite-files.js';

const [file, pattern] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const soundness = process.argv.includes('--soundness');
const tasks = readJsonl<Task>(file).filter((t) => new RegExp(pattern ?? '.').test(t.id));
const backends = { circom: await createBackend('circom', { timeoutMs: 180_000, compiles: 100 }), noir: await createBackend('noir', { timeoutMs: 180_000, compiles: 100 }) };
const run = async (lang: Lang) => {
  let failed = 0;
  for (const task of tasks) {
    const report = await checkSolution(backends[lang], task, lang, soundness);
    const failures = reportFailures(report);
    if (report.soundness?.verdict === 'unsound') failures.push('UNSOUND per the analyser');
    if (failures.length || !report.passed) {
      failed++;
      console.log(`${task.id} (${lang}): ${report.summary}\n  ${failures.join('\n  ')}`);
    } else if (soundness) console.log(`${task.id} (${lang}): ${report.summary}`);
  }
  console.log(`${lang}: ${tasks.length - failed}/${tasks.length} pass`);
};
await Promise.all([run('circom'), run('noir')]);
await backends.circom.dispose();
await backends.noir.dispose();
