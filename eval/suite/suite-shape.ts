/** Shape rules for the suite files, beyond what JSON parsing checks: the agreed task format. */
import type { Question } from './suite-files.js';

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
