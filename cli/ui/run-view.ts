import type { AgentEvent, FailureSummary, OutputFile, RetrievedHit, RunMode, Stage } from '../../agent/events.js';
import { STAGES } from '../../agent/events.js';
import type { Lang } from '../../compiler-harness/types.js';
import type { RunUsage } from '../../agent/model/usage.js';

export type StageStatus = 'pending' | 'running' | 'done' | 'failed';

export interface StageView {
  status: StageStatus;
  durationMs?: number;
  summary?: string;
}

/** Everything the terminal UI shows, derived from the event stream alone. */
export interface RunView {
  runId?: string;
  task?: string;
  mode?: RunMode;
  model?: string;
  languages: Lang[];
  stages: Record<Stage, StageView>;
  repair?: { iteration: number; maxIterations: number };
  failure?: FailureSummary & { lang?: Lang };
  notices: { level: 'info' | 'warning'; message: string }[];
  tokens: { input: number; output: number; costUsd?: number };
  retrieved?: { hits: RetrievedHit[]; chosen?: string };
  constraintCounts: Partial<Record<Lang, number>>;
  done?: { ok: boolean; summary: string; outputs: OutputFile[]; usage?: RunUsage };
  error?: string;
}

export function emptyView(): RunView {
  const stages = Object.fromEntries(STAGES.map((s) => [s, { status: 'pending' }])) as Record<Stage, StageView>;
  return { languages: [], stages, notices: [], tokens: { input: 0, output: 0 }, constraintCounts: {} };
}

/** Fold one event into the view (pure: the UI and its tests share it). */
export function reduceView(view: RunView, event: AgentEvent): RunView {
  switch (event.type) {
    case 'run-start':
      return { ...view, runId: event.runId, task: event.task, mode: event.mode, model: event.model, languages: event.languages };
    case 'notice':
      return { ...view, notices: [...view.notices, { level: event.level, message: event.message }] };
    case 'stage-start':
      return { ...view, stages: { ...view.stages, [event.stage]: { status: 'running' } } };
    case 'stage-end':
      return {
        ...view,
        // A stage that passed clears the failure the previous attempt left on screen.
        failure: event.ok && (event.stage === 'sketch' || event.stage === 'check') ? undefined : view.failure,
        stages: { ...view.stages, [event.stage]: { status: event.ok ? 'done' : 'failed', durationMs: event.durationMs, summary: event.summary } },
      };
    case 'model-request':
      return view;
    case 'model-response':
      return {
        ...view,
        tokens: {
          input: view.tokens.input + event.inputTokens,
          output: view.tokens.output + event.outputTokens,
          costUsd: event.costUsd === undefined ? view.tokens.costUsd : (view.tokens.costUsd ?? 0) + event.costUsd,
        },
      };
    case 'retrieved':
      return { ...view, retrieved: { hits: event.hits, chosen: event.chosen } };
    case 'sketch-checked':
      return event.failure ? { ...view, failure: event.failure } : view;
    case 'compiled':
      return event.constraintCount === undefined ? view : { ...view, constraintCounts: { ...view.constraintCounts, [event.lang]: event.constraintCount } };
    case 'tested':
      return event.failure ? { ...view, failure: { ...event.failure, lang: event.lang } } : event.passed ? { ...view, failure: undefined } : view;
    case 'repair':
      return { ...view, repair: { iteration: event.iteration, maxIterations: event.maxIterations } };
    case 'proved':
      return view;
    case 'done':
      return { ...view, done: { ok: event.ok, summary: event.summary, outputs: event.outputs, usage: event.usage }, constraintCounts: { ...view.constraintCounts, ...event.constraintCounts } };
    case 'error':
      return { ...view, error: event.message };
    default:
      return event satisfies never;
  }
}

/** "3 model requests, 1200 in / 300 out tokens, $0.0021" (cost only when every model had a price). */
export function describeUsage(usage: RunUsage): string {
  const requests = `${usage.requests} model request${usage.requests === 1 ? '' : 's'}`;
  const cost = usage.costUsd === undefined ? 'cost unknown (no price for this model)' : `$${usage.costUsd.toFixed(4)}`;
  return `${requests}, ${usage.inputTokens} in / ${usage.outputTokens} out tokens, ${cost}`;
}
