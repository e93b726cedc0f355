#!/usr/bin/env node
// A "model" for `--provider exec` that answers from the answer keys: a level-1 question with its key's
// letter, a `direct` prompt with the task's reference solution. Run the suite with it to prove that
// every task can be passed and is graded as passed:
//   zkcoder eval --mode direct --exec "node eval/tools/reference-model.mjs eval/suite"
// Arguments: task folders (their level*.jsonl) or .jsonl files; default: the suite next to this file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const places = process.argv.slice(2).length ? process.argv.slice(2) : [join(here, '..', 'suite')];
const files = places.flatMap((place) =>
  statSync(place).isDirectory()
    ? readdirSync(place).filter((name) => /^level\d\.jsonl$/.test(name)).map((name) => join(place, name))
    : [place],
);
const prompt = readFileSync(0, 'utf8');
const letters = 'ABCDEFGH';

for (const file of files) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trim().startsWith('//')) continue;
    const task = JSON.parse(line);
    if (task.level === 1 && prompt.includes(task.question)) {
      process.stdout.write(`Answer: ${letters[task.answer]}\n`);
      process.exit(0);
    }
    if (task.level !== 1 && prompt.includes(task.spec.trim())) {
      const lang = /Write a zero-knowledge circuit in Noir/.test(prompt) ? 'noir' : 'circom';
      const path = task.solution?.[lang] && resolve(dirname(file), task.solution[lang]);
      if (!path || !existsSync(path)) break;
      process.stdout.write('```' + lang + '\n' + readFileSync(path, 'utf8') + '```\n');
      process.exit(0);
    }
  }
}
process.stdout.write('I have no reference answer for this prompt.\n');
