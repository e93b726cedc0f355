/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import type { AgentEvent, AgentEventInput } from '../../agent/events.js';
import { stamp } from '../../agent/events.js';
import { GenerateApp } from './generate-app.js';
import { describeUsage } from './run-view.js';

// Under CI=true ink writes nothing until unmount (is-in-ci is read when ink loads), so no
// intermediate frame would reach ink-testing-library. These tests are about the screens a terminal sees.
vi.hoisted(() => {
  process.env.CI = 'false';
  process.env.CONTINUOUS_INTEGRATION = 'false';
});

/** The first frame is on screen and the input handler attached (ink attaches it in an effect). */
async function ready(app: ReturnType<typeof render>): Promise<void> {
  await vi.waitFor(() => expect(app.lastFrame()).toContain('zkcoder generate'));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

const clock = () => new Date('2026-11-24T12:00:00Z');
const scripted: AgentEventInput[] = [
  { type: 'run-start', runId: 'run-1', task: 'softmax over 4 values', mode: 'model', model: 'scripted:test', languages: ['circom', 'noir'] },
  { type: 'stage-start', stage: 'sketch', iteration: 1 },
  { type: 'model-response', purpose: 'sketch', inputTokens: 1200, outputTokens: 300, costUsd: 0.0021, durationMs: 10 },
  { type: 'sketch-checked', ok: false, summary: 'forge #0: UNDER-CONSTRAINED', failure: { what: 'forge[0]', message: 'a witness with the forged outputs satisfies every constraint', location: 'sketch.ts:12' } },
  { type: 'stage-end', stage: 'sketch', ok: false, summary: 'forge #0: UNDER-CONSTRAINED', durationMs: 420 },
  { type: 'repair', iteration: 2, maxIterations: 5, reason: 'forge #0' },
  { type: 'stage-start', stage: 'sketch', iteration: 2 },
  { type: 'stage-end', stage: 'sketch', ok: true, summary: '9 vectors pass', durationMs: 380 },
  { type: 'stage-start', stage: 'retrieve' },
  { type: 'retrieved', hits: [{ id: 'softmax', name: 'Softmax', score: 0.42, reason: 'name: softmax' }] },
  { type: 'stage-end', stage: 'retrieve', ok: true, summary: 'softmax', durationMs: 3 },
  { type: 'stage-start', stage: 'target' },
  { type: 'stage-end', stage: 'target', ok: true, summary: 'lowered to circom and noir', durationMs: 200 },
  { type: 'stage-start', stage: 'check' },
  { type: 'compiled', lang: 'circom', ok: true, constraintCount: 590, diagnostics: [] },
  { type: 'tested', lang: 'circom', passed: true, summary: 'PASS' },
  { type: 'compiled', lang: 'noir', ok: true, constraintCount: 183, diagnostics: [] },
  { type: 'stage-end', stage: 'check', ok: true, summary: 'circom: PASS; noir: PASS', durationMs: 5200 },
  { type: 'stage-start', stage: 'prove' },
  { type: 'stage-end', stage: 'prove', ok: true, summary: 'circom: groth16 verified; noir: ultrahonk verified', durationMs: 2100 },
  { type: 'stage-start', stage: 'output' },
  { type: 'stage-end', stage: 'output', ok: true, summary: '12 files in out', durationMs: 5 },
  { type: 'done', ok: true, summary: 'verified and proved a model-written circuit in circom and noir after 2 attempt(s)', outputs: [{ path: 'out/circom/main.circom', description: 'Circom source' }], constraintCounts: { circom: 590, noir: 183 }, iterations: 2, usage: { requests: 2, inputTokens: 2600, outputTokens: 700, totalTokens: 3300, costUsd: 0.0049 } },
];

/** The scripted events, one per tick, so every intermediate screen is rendered. */
async function* play(events: AgentEventInput[]): AsyncGenerator<AgentEvent> {
  for (const event of events) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    yield stamp(event, clock);
  }
}

describe('GenerateApp', () => {
  it('shows the stages, the repair counter, the current failure, the token meter and the final summary', async () => {
    const app = render(<GenerateApp events={play(scripted)} onAbort={() => undefined} />);
    await vi.waitFor(() => expect(app.lastFrame()).toContain('size: circom 590 constraints, noir 183 ACIR opcodes'), { timeout: 5000 });
    const during = app.frames.find((f) => f.includes('at sketch.ts:12'));
    expect(during).toContain('forge[0]: a witness with the forged outputs satisfies every constraint');
    expect(during).toContain('tokens 1200 in / 300 out, $0.0021');
    expect(app.frames.some((f) => f.includes('repair 2/5'))).toBe(true);
    const frame = app.lastFrame()!;
    expect(frame).toContain('zkcoder generate: softmax over 4 values');
    expect(frame).toContain('model scripted:test · circom + noir · run run-1');
    for (const stage of ['sketch', 'retrieve', 'target', 'check', 'prove', 'output']) expect(frame).toMatch(new RegExp(`✓\\s+${stage}`));
    expect(frame).toContain('✓ verified and proved a model-written circuit in circom and noir after 2 attempt(s)');
    expect(frame).toContain('out/circom/main.circom — Circom source');
    expect(frame).toContain('usage: 2 model requests, 2600 in / 700 out tokens, $0.0049');
    // The failure panel is gone once the repaired sketch passed.
    expect(frame).not.toContain('satisfies every constraint');
    app.unmount();
  });

  it('aborts when the user presses q', async () => {
    const onAbort = vi.fn();
    const app = render(<GenerateApp events={play(scripted)} onAbort={onAbort} />);
    await ready(app);
    app.stdin.write('q');
    expect(onAbort).toHaveBeenCalledTimes(1);
    app.unmount();
  });

  it('aborts on Ctrl-C, which arrives as a key because stdin is in raw mode, and leaves on a second one', async () => {
    const onAbort = vi.fn();
    const onForceQuit = vi.fn();
    const app = render(<GenerateApp events={play(scripted)} onAbort={onAbort} onForceQuit={onForceQuit} />);
    await ready(app);
    app.stdin.write('c');
    expect(onAbort).not.toHaveBeenCalled();
    app.stdin.write('\u0003');
    expect(onAbort).toHaveBeenCalledTimes(1);
    expect(onForceQuit).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(app.lastFrame()).toContain('stopping after the current step; the run is saved'));
    app.stdin.write('\u0003');
    expect(onForceQuit).toHaveBeenCalledTimes(1);
    expect(onAbort).toHaveBeenCalledTimes(1);
    app.unmount();
  });

  it('shows what a run cost, or that the cost is unknown for a model without a price', () => {
    expect(describeUsage({ requests: 1, inputTokens: 10, outputTokens: 5, totalTokens: 15, costUsd: undefined })).toBe(
      '1 model request, 10 in / 5 out tokens, cost unknown (no price for this model)',
    );
  });
});
