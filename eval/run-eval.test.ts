import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../agent/model/types.js';
import { scriptedModel } from '../agent/model/providers/scripted.js';
import { EvalStore } from './eval-store.js';
import { collectEval, sampleTasks, settingsFor, taskOfPrompt, temporaryDir } from './eval-testing.js';
import { LETTERS, parseChoice } from './prompts.js';
import { loadEvalTasks, runEval } from './run-eval.js';
import { passAtK } from './score.js';

const level1 = settingsFor({ levels: [1] });
const questions = sampleTasks(level1).filter((t) => t.level === 1);

/** Answers the key for the first `right` questions (in file order) and a wrong letter for the rest. */
function quizModel(right: number, fail?: (index: number) => ModelError | undefined) {
  return scriptedModel({
    script: (request) => {
      const prompt = request.messages.at(-1)!.content;
      const task = taskOfPrompt(questions, prompt);
      if (task.level !== 1) throw new Error('not a question');
      const index = questions.indexOf(task);
      const failure = fail?.(index);
      if (failure) return failure;
      const letter = index < right ? LETTERS[task.answer] : LETTERS[(task.answer + 1) % task.choices.length];
      return { text: `Let me think.\nAnswer: ${letter}`, usage: { inputTokens: 100, outputTokens: 10 } };
    },
  });
}

describe('level 1', () => {
  it('scores a model answering half the questions right at 50 %', async () => {
    const { result } = await collectEval({ settings: level1, model: quizModel(questions.length / 2) });
    expect(result.summary).toMatchObject({ passed: 2, total: 4, passAt1: 0.5, passAtK: 0.5, failures: { 'wrong-output': 2 }, inputTokens: 400, outputTokens: 40 });
    expect(result.summary.byLanguage.circom).toMatchObject({ passed: 2, attempts: 2 });
    expect(result.summary.byLanguage.noir).toMatchObject({ passed: 0, attempts: 2 });
    const wrong = result.records.find((r) => r.status === 'failed')!;
    expect(wrong.detail).toMatch(/^answered [A-D], the key is [A-D]$/);
    expect(readFileSync(join(result.dir, wrong.files['answer.md']), 'utf8')).toContain('Answer:');
  });

  it('reads the letter a model chose', () => {
    expect(parseChoice('Answer: C', 4)).toBe(2);
    expect(parseChoice('The answer is (b).', 4)).toBe(1);
    expect(parseChoice('**Answer: D**', 4)).toBe(3);
    expect(parseChoice('B', 4)).toBe(1);
    expect(parseChoice('Answer: E', 4)).toBeUndefined();
    expect(parseChoice('I am not sure.', 4)).toBeUndefined();
  });
});

describe('pass@k', () => {
  it('is the unbiased estimator', () => {
    expect(passAtK(3, 1, 1)).toBeCloseTo(1 / 3);
    expect(passAtK(3, 1, 2)).toBeCloseTo(2 / 3);
    expect(passAtK(3, 0, 3)).toBe(0);
    expect(passAtK(5, 2, 3)).toBeCloseTo(1 - 1 / 10);
    expect(passAtK(10, 10, 1)).toBe(1);
  });
});

describe('model errors and resume', () => {
  it('keeps a model error apart from circuit failures and retries it on resume', async () => {
    const store = new EvalStore(temporaryDir('evals'));
    const serverDown = (index: number) => (index === 1 ? new ModelError({ kind: 'server', message: 'test model: 503 from the server' }) : undefined);
    const first = await collectEval({ settings: level1, model: quizModel(4, serverDown), store });
    expect(first.result.summary).toMatchObject({ passed: 3, total: 3, modelErrors: 1, failures: { 'model-error': 1 } });
    const errored = first.result.records.find((r) => r.status === 'model-error')!;
    expect(errored.detail).toContain('503');
    const again = quizModel(4);
    const second = await collectEval({ settings: level1, model: again, store, resume: first.result.runId });
    expect(second.events[0]).toMatchObject({ type: 'eval-start', planned: 4, alreadyDone: 3 });
    expect(again.calls).toHaveLength(1);
    expect(second.result.summary).toMatchObject({ passed: 4, total: 4, modelErrors: 0, failures: {} });
  });

  it('loses nothing finished when the process dies mid-run, and resume runs only the rest', async () => {
    const store = new EvalStore(temporaryDir('evals'));
    const model = quizModel(4);
    const generator = runEval({ tasks: loadEvalTasks(level1), settings: level1, model, store });
    let runId = '';
    let ended = 0;
    // "Crash" after two attempts: the generator is abandoned, as when the process is killed.
    for (;;) {
      const next = await generator.next();
      if (next.done) throw new Error('the run should not finish');
      if (next.value.type === 'eval-start') runId = next.value.runId;
      if (next.value.type === 'attempt-end' && ++ended === 2) break;
    }
    await generator.return(undefined as never);
    // A write cut short by the crash must not break the run.
    appendFileSync(join(store.root, runId, 'results.jsonl'), '{"key":"l1-sample-noir');
    const resumed = quizModel(4);
    const { events, result } = await collectEval({ settings: level1, model: resumed, store, resume: runId });
    // Attempts that finished while the consumer was going away are kept too; none is lost or run twice.
    const alreadyDone = (events[0] as { alreadyDone: number }).alreadyDone;
    expect(alreadyDone).toBeGreaterThanOrEqual(2);
    expect(alreadyDone).toBeLessThan(4);
    expect(resumed.calls).toHaveLength(4 - alreadyDone);
    expect(model.calls.length + resumed.calls.length).toBe(4);
    expect(result.summary).toMatchObject({ passed: 4, total: 4 });
    expect(existsSync(join(result.dir, 'state.json'))).toBe(true);
  });

  it('refuses to run without a model', async () => {
    await expect(runEval({ tasks: [], settings: level1 }).next()).rejects.toThrow(/needs a model/);
  });
});
