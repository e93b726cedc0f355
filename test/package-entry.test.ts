import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as api from '../agent/index.js';
import { root } from './run-cli.js';

const run = promisify(execFile);

/** Import the package by its name in a plain Node process, as a user's program would, and report what it got. */
const consumer = `
const zkcoder = await import('zkcoder');
const model = zkcoder.scriptedModel(['\`\`\`ts\\nexport default 1;\\n\`\`\`']);
const answer = await model.generate({ messages: [{ role: 'user', content: 'sketch' }] });
console.log(JSON.stringify({ names: Object.keys(zkcoder).sort(), answer: answer.text, stages: zkcoder.STAGES }));
`;

describe('the package entry', () => {
  it("`import('zkcoder')` in plain Node gives the programmatic API of agent/index.ts, working", async () => {
    const { stdout } = await run('node', ['--input-type=module', '-e', consumer], { cwd: root, timeout: 60_000 });
    const got = JSON.parse(stdout.trim().split('\n').at(-1)!) as { names: string[]; answer: string; stages: string[] };
    expect(got.names).toEqual(Object.keys(api).sort());
    expect(got.names).toEqual(expect.arrayContaining(['runAgent', 'createLanguageModel', 'resolveModelConfig', 'scriptedModel']));
    expect(got.answer).toContain('export default 1;');
    expect(got.stages).toEqual([...api.STAGES]);
  });
});
