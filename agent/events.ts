import type { Diagnostic, Lang, ProofSystem } from '../compiler-harness/types.js';
import { redactValue } from './model/redaction.js';
import type { RunUsage } from './model/usage.js';

/** The stages of a run, in order; the TUI lists them and `--resume` restarts after the last one completed. */
export const STAGES = ['sketch', 'retrieve', 'target', 'check', 'prove', 'output'] as const;
export type Stage = (typeof STAGES)[number];

export type RunMode = 'model' | 'knowledge-base';

export interface RetrievedHit {
  id: string;
  name: string;
  score: number;
  reason: string;
}

export interface FailureSummary {
  /** e.g. `compile`, `accept[0]`, `forge[1]`, `soundness`. */
  what: string;
  message: string;
  location?: string;
  sourceLine?: string;
}

export interface OutputFile {
  path: string;
  description: string;
}

/**
 * What a run reports, as it happens. `runAgent` yields these; the ink TUI and the headless JSONL
 * writer consume the same stream.
 */
export type AgentEvent =
  | { type: 'run-start'; runId: string; task: string; mode: RunMode; model?: string; languages: Lang[]; resumedFrom?: Stage; at: string }
  | { type: 'notice'; level: 'info' | 'warning'; message: string; at: string }
  | { type: 'stage-start'; stage: Stage; iteration?: number; at: string }
  | { type: 'stage-end'; stage: Stage; ok: boolean; summary: string; durationMs: number; at: string }
  | { type: 'model-request'; purpose: string; messages: number; at: string }
  | { type: 'model-response'; purpose: string; inputTokens: number; outputTokens: number; costUsd?: number; durationMs: number; at: string }
  | { type: 'retrieved'; hits: RetrievedHit[]; chosen?: string; at: string }
  | { type: 'sketch-checked'; ok: boolean; summary: string; failure?: FailureSummary; at: string }
  | { type: 'compiled'; lang: Lang; ok: boolean; constraintCount?: number; diagnostics: Diagnostic[]; at: string }
  | { type: 'tested'; lang: Lang; passed: boolean; summary: string; failure?: FailureSummary; at: string }
  | { type: 'repair'; iteration: number; maxIterations: number; reason: string; at: string }
  | { type: 'proved'; lang: Lang; system: ProofSystem; verified: boolean; tamperedRejected: boolean; durationMs: number; at: string }
  | { type: 'done'; ok: boolean; summary: string; outputs: OutputFile[]; constraintCounts: Partial<Record<Lang, number>>; iterations: number; usage: RunUsage; at: string }
  | { type: 'error'; message: string; at: string };

export type AgentEventType = AgentEvent['type'];

/** Distributive Omit, so each variant keeps its own fields. */
type WithoutTime<T> = T extends unknown ? Omit<T, 'at'> : never;
export type AgentEventInput = WithoutTime<AgentEvent>;

/**
 * Stamp an event with the time (injectable for deterministic tests). Every event passes here, so
 * this is where secrets leave them: the TUI, the JSONL output and events.jsonl all see the result.
 */
export function stamp(event: AgentEventInput, now: () => Date = () => new Date()): AgentEvent {
  return redactValue({ ...event, at: now().toISOString() } as AgentEvent);
}
