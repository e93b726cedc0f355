import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptedModel } from '../agent/model/providers/scripted.js';
import { collectEval, SAMPLES_DIR, settingsFor, temporaryDir } from '../eval/eval-testing.js';
import { loadZkcoderTasks, TaskFileError } from '../eval/load-tasks.js';
import { loadTransZkEvalTasks } from '../eval/transzkeval.js';

const fixture = (name: string) => join(new URL('./fixtures/eval/', import.meta.url).pathname, name);
const circomAnswer = (file: string) => `Here it is.\n\n\`\`\`circom\n${readFileSync(file, 'utf8')}\`\`\`\n`;

describe('grading model-written circuits on hidden vectors', () => {
  it('names each failure: does not compile, unsound, refuses a valid input; and passes the reference', async () => {
    const answers = [fixture('and-broken.circom'), fixture('and-unsound.circom'), fixture('and-refusing.circom'), join(SAMPLES_DIR, 'solutions/l2-sample-and.circom')];
    const model = scriptedModel(answers.map(circomAnswer));
    const settings = settingsFor({ levels: [2], langs: ['circom'], samples: 4, filter: '^l2-sample-and$' });
    const { result } = await collectEval({ settings, model });
    const bySample = Object.fromEntries(result.records.map((r) => [r.sample, r]));
    expect(bySample[1]).toMatchObject({ status: 'failed', failure: 'does-not-compile' });
    expect(bySample[2]).toMatchObject({ status: 'failed', failure: 'unsound' });
    expect(bySample[2].detail).toMatch(/^forge\[0\]: FORGERY ACCEPTED/);
    expect(bySample[3]).toMatchObject({ status: 'failed', failure: 'refuses-valid-input' });
    expect(bySample[4]).toMatchObject({ status: 'passed' });
    // The model saw the spec and the interface, never the vectors.
    const prompt = model.calls[0].messages[0].content;
    expect(prompt).toContain('template `And2`');
    expect(prompt).not.toContain('"accept"');
    expect(result.summary).toMatchObject({ passed: 1, total: 4, passAt1: 0.25, passAtK: 1, k: 4, failures: { 'does-not-compile': 1, unsound: 1, 'refuses-valid-input': 1 } });
    const checked = readFileSync(join(result.dir, bySample[4].files['check-report.txt']), 'utf8');
    expect(checked).toMatch(/^PASS/m);
  });
});

describe('the transzkeval adapter', () => {
  it('runs the Python for expected outputs, maps arguments to inputs in order, forges outputs moved by one', async () => {
    const [task] = loadTransZkEvalTasks(fixture('add-mul.jsonl'));
    expect(task).toMatchObject({ id: 'tze-7', langs: ['circom'], vectors: { positional: { cases: [{ args: [2, 3], outputs: ['5', '6'] }, { args: [5, 7], outputs: ['12', '35'] }, { args: [0, 9], outputs: ['9', '0'] }] } } });
    expect(task.spec).toContain('def add_mul(a, b):');
    const model = scriptedModel([circomAnswer(fixture('add-mul.circom')), circomAnswer(fixture('add-mul-unsound.circom'))]);
    const settings = settingsFor({ levels: [3], langs: ['circom'], samples: 2, taskFiles: [fixture('add-mul.jsonl')], format: 'transzkeval' });
    const { result } = await collectEval({ settings, model });
    const [good, unsound] = [...result.records].sort((a, b) => a.sample - b.sample);
    // The good answer includes circomlib the way a Node project does (../node_modules/...).
    expect(good).toMatchObject({ status: 'passed' });
    expect(unsound).toMatchObject({ status: 'failed', failure: 'unsound' });
    expect(unsound.detail).toContain('product moved by one');
  });

  it('says so when python3 is missing or the function fails', () => {
    expect(() => loadTransZkEvalTasks(fixture('add-mul.jsonl'), 'python3-that-does-not-exist')).toThrow(/add-mul\.jsonl:1 \(task 7\): python3 is not installed/);
    expect(() => loadTransZkEvalTasks(fixture('python-fails.jsonl'))).toThrow(/python-fails\.jsonl:1 \(task div\): the Python function failed: ZeroDivisionError/);
  });
});

describe('loading task files', () => {
  it('names the file, line and JSON path of a malformed task', () => {
    const dir = temporaryDir('tasks');
    const file = join(dir, 'level2.jsonl');
    // Copied without its solution paths, which point beside the samples.
    const good = JSON.stringify({ ...JSON.parse(readFileSync(join(SAMPLES_DIR, 'level2.jsonl'), 'utf8').split('\n')[0]), solution: {} });
    const broken = JSON.parse(good);
    broken.id = 'l2-broken';
    broken.interface.circom.inputs[1].shape = [0];
    writeFileSync(file, `${good}\n\n${JSON.stringify(broken)}\n`);
    expect(() => loadZkcoderTasks(file)).toThrow(TaskFileError);
    expect(() => loadZkcoderTasks(file)).toThrow(`${file}:3 (task l2-broken): interface.circom.inputs[1].shape[0]: `);
    writeFileSync(file, `${good}\n{"id": "x", "level": 1,\n`);
    expect(() => loadZkcoderTasks(file)).toThrow(new RegExp(`${file}:2: not valid JSON`));
    const question = { id: 'q', level: 1, category: 'api', lang: 'noir', question: 'Which?', choices: ['a', 'b'], answer: 2 };
    writeFileSync(file, `${JSON.stringify(question)}\n`);
    expect(() => loadZkcoderTasks(file)).toThrow(`${file}:1 (task q): answer: answer is not the index of a choice`);
    writeFileSync(file, `${JSON.stringify({ ...JSON.parse(good), solution: { noir: 'solutions/missing.nr' } })}\n`);
    expect(() => loadZkcoderTasks(file)).toThrow(`${file}:1 (task l2-sample-and): solution.noir: no file ${join(dir, 'solutions/missing.nr')}`);
    writeFileSync(file, `${JSON.stringify({ ...question, answer: 0, typo: 1 })}\n`);
    expect(() => loadZkcoderTasks(file)).toThrow(/:1 \(task q\): top level: Unrecognized key: "typo"/);
  });
});
