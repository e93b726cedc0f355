// Writes eval/suite/level1.jsonl from the question drafts: npx tsx eval/suite/tools/level1.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUITE_DIR } from '../suite-files.js';
import { circomAdvanced, circomSyntax } from './level1-circom-a.js';
import { circomApi, circomCompiler } from './level1-circom-b.js';
import { noirAdvanced, noirSyntax } from './level1-noir-a.js';
import { noirApi, noirCompiler } from './level1-noir-b.js';
import { toQuestions } from './question.js';

const questions = [
  ...toQuestions('circom', [...circomSyntax, ...circomAdvanced, ...circomApi, ...circomCompiler]),
  ...toQuestions('noir', [...noirSyntax, ...noirAdvanced, ...noirApi, ...noirCompiler]),
];
writeFileSync(join(SUITE_DIR, 'level1.jsonl'), questions.map((q) => JSON.stringify(q)).join('\n') + '\n');
console.log(`level1.jsonl: ${questions.length} questions, ${questions.filter((q) => q.confirm).length} with confirm`);
