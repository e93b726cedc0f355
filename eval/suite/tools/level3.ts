// Writes eval/suite/level3.jsonl from the task definitions: npx tsx eval/suite/tools/level3.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUITE_DIR } from '../suite-files.js';
import { hashTasks, sortTasks } from './level3-hash-sort.js';
import { apps } from './level3-apps.js';
import { more } from './level3-more.js';
import { zkml } from './level3-zkml.js';
import { buildTask } from './task.js';

const tasks = [...hashTasks, ...sortTasks, ...zkml, ...more, ...apps].map(buildTask);
writeFileSync(join(SUITE_DIR, 'level3.jsonl'), tasks.map((t) => JSON.stringify(t)).join('\n') + '\n');
console.log(`level3.jsonl: ${tasks.length} tasks`);
