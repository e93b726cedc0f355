import { join } from 'node:path';
import { formatCheckReport } from '../compiler-harness/report-text.js';
import type { Backend, Lang, TargetCircuit } from '../compiler-harness/types.js';
import type { KnowledgeBase } from '../knowledge-base/search.js';
import { runAgent } from '../agent/run-agent.js';
import { RunStore } from '../agent/runs/run-store.js';
import { isModelError, type LanguageModel, type ModelError, type ModelUsage } from '../agent/model/types.js';
import { requestCost, type UsageMeter } from '../agent/model/usage.js';
import { extractCodeBlock } from '../agent/prompts/index.js';
import { answerCircuit, gradeCircuit, normaliseIncludes, taskVectors, type Grade } from './grade.js';
import type { Mode } from './eval-store.js';
import { directPrompt, parseChoice, questionPrompt, taskText, LETTERS } from './prompts.js';
import type { ProgramTask, QuestionTask } from './task-format.js';

/** What one attempt produced, before it is recorded: the grade, what the model spent, the files to keep. */
export interface AttemptOutcome {
  grade: Grade;
  modelError?: string;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  iterations: number;
  files: Record<string, string>;
  /** The agent's run folder, for agent modes. */
  agentRun?: string;
}

export interface AttemptTools {
  model: LanguageModel;
  meter?: UsageMeter;
  backend: Backend;
  /** Needed by the agent modes only. */
  knowledgeBase?: KnowledgeBase;
  /** Where the agent keeps its run folders for this eval. */
  agentRuns: string;
  maxIterations: number;
  strategy: 'lower' | 'write';
  soundnessBudgetMs?: number;
  signal?: AbortSignal;
}

/** A level-1 question: ask, parse the letter, compare with the key. */
export async function askQuestion(task: QuestionTask, tools: Pick<AttemptTools, 'model' | 'meter' | 'signal'>): Promise<AttemptOutcome> {
  const prompt = questionPrompt(task);
  const asked = await askOnce(tools, prompt.text);
  const files = { 'prompt.md': prompt.text, ...(asked.text === undefined ? {} : { 'answer.md': asked.text }) };
  if (asked.error) return { ...asked.spent, iterations: 1, files, grade: { passed: false, failure: 'model-error', detail: asked.error }, modelError: asked.error };
  const chosen = parseChoice(asked.text!, task.choices.length);
  const key = LETTERS[task.answer];
  const grade: Grade =
    chosen === task.answer
      ? { passed: true, detail: `answered ${key}` }
      : { passed: false, failure: 'wrong-output', detail: chosen === undefined ? 'the answer names no choice' : `answered ${LETTERS[chosen]}, the key is ${key}` };
  return { ...asked.spent, iterations: 1, files, grade };
}

/** A level-2/3 task in one language and mode: the model (or the agent) writes it, the hidden vectors grade it. */
export async function attemptProgram(task: ProgramTask, lang: Lang, mode: Mode, tools: AttemptTools): Promise<AttemptOutcome> {
  const written = mode === 'direct' ? await writeDirect(task, lang, tools) : await runAgentMode(task, lang, mode, tools);
  const { circuit, ...outcome } = written;
  if (outcome.modelError) return { ...outcome, grade: { passed: false, failure: 'model-error', detail: outcome.modelError } };
  if (!circuit) return { ...outcome, grade: { passed: false, failure: 'does-not-compile', detail: outcome.grade.detail } };
  const grade = await gradeCircuit({ backend: tools.backend, circuit, vectors: taskVectors(task, lang), soundnessBudgetMs: tools.soundnessBudgetMs });
  const code = Object.fromEntries(Object.entries(circuit.files).map(([path, text]) => [`code/${path}`, text]));
  const report: Record<string, string> = grade.report ? { 'check-report.txt': formatCheckReport(grade.report), 'check-report.json': JSON.stringify(grade.report, bigints, 2) } : {};
  return { ...outcome, grade, files: { ...outcome.files, ...code, ...report } };
}

type Written = AttemptOutcome & { circuit?: TargetCircuit };

async function writeDirect(task: ProgramTask, lang: Lang, tools: AttemptTools): Promise<Written> {
  const prompt = directPrompt(task, lang);
  const asked = await askOnce(tools, prompt.text);
  const files = { 'prompt.md': prompt.text, ...(asked.text === undefined ? {} : { 'answer.md': asked.text }) };
  const base = { ...asked.spent, iterations: 1, files, grade: { passed: false, detail: '' } };
  if (asked.error) return { ...base, modelError: asked.error };
  const code = extractCodeBlock(asked.text!, lang === 'circom' ? ['circom'] : ['noir', 'rust', 'nr']);
  if (!code) return { ...base, grade: { passed: false, detail: `the answer has no \`\`\`${lang} code block` } };
  return { ...base, circuit: answerCircuit(lang, code, task.interface.noir?.returnNames) };
}

/**
 * The agent's pipeline with the mode's parts: `sketch` (no retrieval, no repair), `retrieval` (no
 * repair), `full` (repairs up to --max-iterations). Leaked entries are hidden in every mode.
 */
async function runAgentMode(task: ProgramTask, lang: Lang, mode: Exclude<Mode, 'direct'>, tools: AttemptTools): Promise<Written> {
  const watched = watchModel(tools.model);
  const generator = runAgent({
    task: taskText(task, lang),
    languages: [lang],
    model: watched.model,
    meter: tools.meter,
    strategy: tools.strategy,
    maxIterations: mode === 'full' ? tools.maxIterations : 1,
    retrieval: mode !== 'sketch',
    excludeEntries: task.leaks,
    prove: false,
    store: new RunStore(tools.agentRuns),
    knowledgeBase: tools.knowledgeBase,
    backends: { [lang]: tools.backend },
    soundnessBudgetMs: tools.soundnessBudgetMs,
    signal: tools.signal,
  });
  let next = await generator.next();
  while (!next.done) next = await generator.next();
  const result = next.value;
  const spent = { inputTokens: result.usage.inputTokens, outputTokens: result.usage.outputTokens, costUsd: result.usage.costUsd };
  const base = { ...spent, iterations: result.iterations, files: {}, agentRun: result.runDir, grade: { passed: false, detail: `the agent wrote no ${lang} circuit: ${result.summary}` } };
  if (watched.error) return { ...base, modelError: watched.error.message };
  return { ...base, circuit: result.circuits?.[lang] ? withNormalisedIncludes(result.circuits[lang]!) : undefined };
}

function withNormalisedIncludes(circuit: TargetCircuit): TargetCircuit {
  if (circuit.lang !== 'circom') return circuit;
  return { ...circuit, files: Object.fromEntries(Object.entries(circuit.files).map(([path, text]) => [path, normaliseIncludes(text)])) };
}

/** One request outside the agent, priced like the agent's; a failure is kept as text, not thrown. */
async function askOnce(tools: Pick<AttemptTools, 'model' | 'meter' | 'signal'>, text: string) {
  try {
    const response = await tools.model.generate({ messages: [{ role: 'user', content: text }], signal: tools.signal });
    return { text: response.text, spent: spend(tools, response.usage) };
  } catch (error) {
    if (!isModelError(error)) throw error;
    return { error: error.message, spent: { inputTokens: 0, outputTokens: 0 } };
  }
}

function spend(tools: Pick<AttemptTools, 'model' | 'meter'>, usage: ModelUsage) {
  return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUsd: requestCost(tools.model.id, usage, tools.meter?.prices) };
}

/** The model as the agent sees it, remembering the first model error (the agent turns it into a failed run). */
function watchModel(model: LanguageModel): { model: LanguageModel; error?: ModelError } {
  const watched: { model: LanguageModel; error?: ModelError } = {
    model: {
      id: model.id,
      generate: (request) =>
        model.generate(request).catch((error: unknown) => {
          if (isModelError(error)) watched.error ??= error;
          throw error;
        }),
    },
  };
  return watched;
}

function bigints(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

export const agentRunsFolder = (evalDir: string) => join(evalDir, 'agent-runs');
