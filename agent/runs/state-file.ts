/**
 * Reading a saved run back: `state.json` and `events.jsonl` are files on disk that anything could
 * have written, so they are parsed as data (null-prototype objects, limited nesting, finite
 * numbers) and the state's shape is checked before the agent trusts a field of it. A problem is an
 * error naming the file and the JSON path.
 */
import { readFileSync } from 'node:fs';
import { JsonDataError, parseJsonData, type DataObject } from '../../compiler-harness/json-data.js';
import { STAGES, type AgentEvent } from '../events.js';
import type { RunState } from './run-store.js';

/** A saved run that cannot be read: the message names the file and the JSON path. */
export class RunStateError extends Error {
  override name = 'RunStateError';
}

export function readRunState(file: string): RunState {
  const state = parseFile(file, readFileSync(file, 'utf8'));
  const problem = stateProblem(state);
  if (problem) throw new RunStateError(`${file}: ${problem}`);
  return state as unknown as RunState;
}

export function readEvents(file: string): AgentEvent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim())
    .map(({ line, index }) => {
      const event = parseFile(`${file}:${index + 1}`, line);
      if (!isObject(event) || typeof event.type !== 'string') throw new RunStateError(`${file}:${index + 1}: not an event (an object with a "type")`);
      return event as unknown as AgentEvent;
    });
}

function parseFile(where: string, text: string): unknown {
  try {
    return parseJsonData(text);
  } catch (error) {
    if (error instanceof JsonDataError) throw new RunStateError(`${where}: ${error.message}`);
    throw error;
  }
}

const STATUSES = ['running', 'done', 'failed', 'interrupted'];
const MODES = ['model', 'knowledge-base'];

/** The first field of a state that is missing or of the wrong kind; undefined when it fits. */
function stateProblem(state: unknown): string | undefined {
  if (!isObject(state)) return 'not a run state (a JSON object)';
  for (const key of ['id', 'task', 'createdAt', 'updatedAt'] as const) {
    if (typeof state[key] !== 'string') return `${key}: expected a string`;
  }
  if (!MODES.includes(state.mode as string)) return `mode: expected one of ${MODES.join(', ')}`;
  if (!STATUSES.includes(state.status as string)) return `status: expected one of ${STATUSES.join(', ')}`;
  if (!isObject(state.options)) return 'options: expected an object';
  if (!isObject(state.results)) return 'results: expected an object';
  if (!Array.isArray(state.completedStages)) return 'completedStages: expected an array';
  const unknown = state.completedStages.findIndex((s) => !(STAGES as readonly unknown[]).includes(s));
  if (unknown >= 0) return `completedStages[${unknown}]: expected one of ${STAGES.join(', ')}`;
  if (state.summary !== undefined && typeof state.summary !== 'string') return 'summary: expected a string';
  return undefined;
}

function isObject(value: unknown): value is DataObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
