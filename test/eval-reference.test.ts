import { describe, expect, it } from 'vitest';
import { createExecModel } from '../agent/model/providers/exec.js';
import { collectEval, SAMPLES_DIR, settingsFor } from '../eval/eval-testing.js';

const referenceModel = new URL('../eval/tools/reference-model.mjs', import.meta.url).pathname;

describe('an exec model answering with the answer keys', () => {
  it('passes every sample task in both languages (the reference solutions pass their hidden vectors)', async () => {
    const model = createExecModel({ command: ['node', referenceModel, SAMPLES_DIR] });
    const { result } = await collectEval({ settings: settingsFor(), model, concurrency: 2 });
    const failed = result.records.filter((r) => r.status !== 'passed').map((r) => `${r.key}: ${r.failure} ${r.detail}`);
    expect(failed).toEqual([]);
    expect(result.summary).toMatchObject({ passed: 12, total: 12, passAt1: 1 });
    expect(Object.keys(result.summary.byLevel)).toEqual(['1', '2', '3']);
    expect(result.summary.byLanguage).toMatchObject({ circom: { attempts: 6 }, noir: { attempts: 6 } });
    // Eight compiles with soundness analysis, half of them Noir: slow on a busy machine.
  }, 600_000);
});
