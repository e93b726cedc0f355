import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleFile, SAMPLES_DIR, temporaryDir } from '../eval/eval-testing.js';
import { root, zkcoder } from './run-cli.js';

const referenceModel = `node ${join(root, 'eval/tools/reference-model.mjs')} ${SAMPLES_DIR}`;

describe('zkcoder eval', () => {
  it('prints JSONL events and a final JSON line with the scores, and writes the report', async () => {
    const cwd = temporaryDir('eval-cli');
    const out = join(cwd, 'report');
    const result = await zkcoder(['eval', '--level', '1', '--tasks', sampleFile(1), '--exec', referenceModel, '--json', '--out', out], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ type: 'eval-start', planned: 4, alreadyDone: 0, model: 'exec:node' });
    expect(lines.filter((l) => l.type === 'attempt-end')).toHaveLength(4);
    const final = lines.at(-1);
    expect(final).toMatchObject({ type: 'result', passed: 4, total: 4, byLevel: { '1': { passed: 4 } }, byMode: { direct: { attempts: 4 } }, byLanguage: { circom: { passed: 2 }, noir: { passed: 2 } } });
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
    expect(existsSync(join(cwd, '.zkcoder', 'evals', final.runId, 'results.jsonl'))).toBe(true);
  });

  it('refuses without a model, and names bad flags and bad task lines (exit 2)', async () => {
    const cwd = temporaryDir('eval-cli');
    const none = await zkcoder(['eval', '--level', '1', '--tasks', sampleFile(1), '--provider', 'none'], { cwd });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('zkcoder eval needs a model');
    const mode = await zkcoder(['eval', '--mode', 'fast', '--tasks', sampleFile(1), '--exec', 'cat'], { cwd });
    expect(mode.code).toBe(2);
    expect(mode.stderr).toContain('--mode: "fast" is not direct, sketch, retrieval, full or all');
    const file = join(cwd, 'tasks.jsonl');
    writeFileSync(file, '{"id": "q1", "level": 1, "category": "api", "lang": "noir", "question": "?", "choices": ["a", "b"], "answer": 0}\n{"id": "q2", "level": 1, "lang": "noir"}\n');
    const bad = await zkcoder(['eval', '--tasks', file, '--exec', 'cat'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${file}:2 (task q2): category: `);
    // --resume takes an eval run's id, never a path.
    const path = await zkcoder(['eval', '--resume', '../elsewhere', '--exec', 'cat'], { cwd });
    expect(path.code).toBe(2);
    expect(path.stderr).toContain('"../elsewhere" is not a run id');
    // ...and says where eval run ids come from (not `zkcoder runs list`, which lists generate's runs).
    expect(path.stderr).toContain('eval run ids are printed by zkcoder eval');
    expect(path.stderr).not.toContain('runs list');
    const resume = await zkcoder(['eval', '--resume', '20000101-000000-abcdef', '--exec', 'cat'], { cwd });
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('no eval run "20000101-000000-abcdef"');
  });
});
