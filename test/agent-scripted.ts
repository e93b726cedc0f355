import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentEvent } from '../agent/events.js';
import { runAgent, type AgentResult } from '../agent/run-agent.js';
import type { AgentOptions } from '../agent/run-context.js';
import { RunStore } from '../agent/runs/run-store.js';
import { KnowledgeBase } from '../knowledge-base/search.js';

/** Shared by the agent-loop tests: fixture answers for the scripted model, and one way to run the agent. */
export const fixture = (name: string) => readFileSync(new URL(`./fixtures/agent/${name}`, import.meta.url), 'utf8');
/** A model answer holding a sketch module. */
export const sketchAnswer = (file: string) => `Here is the sketch.\n\n\`\`\`ts\n${fixture(file)}\`\`\`\n`;
/** A model answer holding a program in `fence`. */
export const codeAnswer = (fence: string, file: string) => `\`\`\`${fence}\n${fixture(file)}\`\`\`\n`;

export const temporaryDir = (prefix: string) => mkdtempSync(join(tmpdir(), `zkcoder-${prefix}-`));

let knowledgeBase: Promise<KnowledgeBase> | undefined;
/** The builtin knowledge base, indexed once per test file in a private home. */
export function testKnowledgeBase(): Promise<KnowledgeBase> {
  knowledgeBase ??= KnowledgeBase.open({ home: temporaryDir('agent-home'), includeUser: false });
  return knowledgeBase;
}

export interface Collected {
  events: AgentEvent[];
  result: AgentResult;
}

/** Run the agent to the end, collecting its events; `onEvent` may abort or inspect as they come. */
export async function collect(options: Partial<AgentOptions> & Pick<AgentOptions, 'task'>, onEvent?: (event: AgentEvent) => void): Promise<Collected> {
  const events: AgentEvent[] = [];
  const generator = runAgent({
    languages: ['circom'],
    knowledgeBase: await testKnowledgeBase(),
    store: new RunStore(temporaryDir('runs')),
    soundnessBudgetMs: 3000,
    ...options,
  });
  for (;;) {
    const next = await generator.next();
    if (next.done) return { events, result: next.value };
    events.push(next.value);
    onEvent?.(next.value);
  }
}

/** `stage-start:sketch`, `retrieved`, ...: the shape of a run without times and model traffic. */
export function eventOrder(events: AgentEvent[]): string[] {
  return events.map((e) => (e.type === 'stage-start' || e.type === 'stage-end' ? `${e.type}:${e.stage}` : e.type)).filter((t) => !t.startsWith('model-'));
}

/** The transcript lines of a run: requests, responses and errors. */
export function transcript(runDir: string): { role: string; purpose: string; content: { prompt?: string; kind?: string; status?: number; message?: string } }[] {
  return readFileSync(join(runDir, 'transcript.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}
