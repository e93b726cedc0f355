import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../agent/events.js';
import { scriptedModel } from '../agent/model/providers/scripted.js';
import { collectEval, settingsFor, temporaryDir } from '../eval/eval-testing.js';
import { fixture, sketchAnswer, testKnowledgeBase } from './agent-scripted.js';

const SPEC = 'Square an 8-bit unsigned integer x: y = x * x. Inputs of 256 or more must be refused.';

/** A one-task file whose leaked entries are the ones retrieval would otherwise find first for this sketch. */
async function squareTaskFile(): Promise<{ file: string; leaks: string[] }> {
  const knowledgeBase = await testKnowledgeBase();
  const found = await knowledgeBase.searchForSketch({ sketch: fixture('square-correct.ts'), task: SPEC, k: 4 });
  const leaks = found.slice(0, 2).map((hit) => hit.entry.id);
  const task = {
    id: 'l2-square',
    level: 2,
    category: 'arithmetic',
    langs: ['circom'],
    spec: SPEC,
    interface: { circom: { template: 'Square', inputs: [{ name: 'x' }], outputs: [{ name: 'y' }] } },
    vectors: { accept: [{ inputs: { x: 3 }, outputs: { y: 9 } }, { inputs: { x: 255 }, outputs: { y: 65025 } }], reject: [{ inputs: { x: 256 }, reason: 'x has 9 bits' }], forge: [{ inputs: { x: 3 }, outputs: { y: 10 } , reason: '3 * 3 is 9' }] },
    leaks,
  };
  const file = join(temporaryDir('square-task'), 'level2.jsonl');
  writeFileSync(file, `${JSON.stringify(task)}\n`);
  return { file, leaks };
}

function agentEvents(runDir: string): AgentEvent[] {
  return readFileSync(join(runDir, 'events.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as AgentEvent);
}

describe('agent modes', () => {
  it('sketch mode searches nothing; retrieval mode searches with the leaked entries hidden; both are graded', async () => {
    const { file, leaks } = await squareTaskFile();
    expect(leaks.length).toBeGreaterThan(0);
    const model = scriptedModel({ script: () => sketchAnswer('square-correct.ts') });
    const settings = settingsFor({ levels: [2], langs: ['circom'], modes: ['sketch', 'retrieval'], taskFiles: [file] });
    const { result } = await collectEval({ settings, model, knowledgeBase: await testKnowledgeBase() });
    const byMode = Object.fromEntries(result.records.map((r) => [r.mode, r]));
    expect(byMode.sketch).toMatchObject({ status: 'passed', iterations: 1 });
    expect(byMode.retrieval).toMatchObject({ status: 'passed', iterations: 1, excluded: leaks });
    // The task text the agent got carries the interface, not the vectors.
    expect(model.calls[0].messages.at(-1)!.content).toContain('template `Square`');
    const retrieved = (mode: string) => agentEvents(byMode[mode].files['agent-run']).flatMap((e) => (e.type === 'retrieved' ? e.hits.map((h) => h.id) : []));
    expect(retrieved('sketch')).toEqual([]);
    const hits = retrieved('retrieval');
    expect(hits.length).toBeGreaterThan(0);
    for (const leak of leaks) expect(hits).not.toContain(leak);
    expect(result.summary.byMode.sketch.passAt1).toBe(1);
    expect(result.summary.byMode.retrieval.passAt1).toBe(1);
  });
});
