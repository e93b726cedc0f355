// Writes eval/suite/level2.jsonl from the task definitions: npx tsx eval/suite/tools/level2.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUITE_DIR } from '../suite-files.js';
import { arithmetic, comparison } from './level2-compare-arith.js';
import { composite } from './level2-composite.js';
import { bitwise, logic } from './level2-logic-bitwise.js';
import { buildTask } from './task.js';

const tasks = [...logic, ...bitwise, ...comparison, ...arithmetic, ...composite].map(buildTask);
writeFileSync(join(SUITE_DIR, 'level2.jsonl'), tasks.map((t) => JSON.stringify(t)).join('\n') + '\n');
console.log(`level2.jsonl: ${tasks.length} tasks`);
