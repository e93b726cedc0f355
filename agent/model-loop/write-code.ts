import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang, TargetCircuit } from '../../compiler-harness/types.js';
import type { SearchHit } from '../../knowledge-base/search.js';
import type { AgentEventInput } from '../events.js';
import { extractCodeBlock, renderPrompt } from '../prompts/index.js';
import type { RunContext } from '../run-context.js';
import { askModel } from './ask-model.js';

const LANGUAGE = { circom: { name: 'Circom 2', fence: 'circom', labels: ['circom'] }, noir: { name: 'Noir', fence: 'noir', labels: ['noir', 'rust', 'nr'] } } as const;

export interface WrittenCode {
  ok: boolean;
  summary: string;
  circuits: Partial<Record<Lang, TargetCircuit>>;
  /** What to send back for languages whose answer could not be used. */
  feedback?: Partial<Record<Lang, { code: string; report: string }>>;
}

/**
 * The `write` strategy: the model writes the Circom and Noir itself, from the checked sketch and the
 * verified knowledge-base sources retrieved for it; on a later attempt it repairs its own code from
 * the check report.
 */
export async function* writeTargetCode(
  context: RunContext,
  request: { sketch: string; hits: SearchHit[]; feedback: Partial<Record<Lang, { code: string; report: string }>>; attempt: number },
): AsyncGenerator<AgentEventInput, WrittenCode> {
  const { options } = context;
  const circuits: Partial<Record<Lang, TargetCircuit>> = {};
  const feedback: Partial<Record<Lang, { code: string; report: string }>> = {};
  const retrieved = await retrievedSources(request.hits);
  for (const lang of options.languages) {
    const language = LANGUAGE[lang];
    const previous = request.feedback[lang];
    const prompt = previous
      ? renderPrompt('repairCode', { language: language.name, fence: language.fence, attempt: request.attempt, maxAttempts: options.maxIterations, report: previous.report, code: previous.code })
      : renderPrompt('writeCode', { language: language.name, fence: language.fence, task: options.task, sketch: request.sketch, retrieved });
    const answer = yield* askModel(context, `write ${lang}`, prompt);
    const code = extractCodeBlock(answer, [...language.labels]);
    if (!code) {
      feedback[lang] = { code: answer, report: `the answer has no \`\`\`${language.fence} code block: return the whole program in one block` };
      continue;
    }
    circuits[lang] =
      lang === 'circom'
        ? { lang, files: { 'main.circom': code }, entry: 'main.circom', name: 'main' }
        : { lang, files: { 'src/main.nr': code }, entry: 'src/main.nr', name: 'main' };
  }
  const missing = Object.keys(feedback);
  return missing.length
    ? { ok: false, summary: `no code block for ${missing.join(', ')}`, circuits, feedback }
    : { ok: true, summary: `model wrote ${options.languages.join(' and ')}`, circuits };
}

/** The verified Circom and Noir of the retrieved entries, for the prompt. */
async function retrievedSources(hits: SearchHit[]): Promise<string> {
  const parts: string[] = [];
  for (const hit of hits.slice(0, 3)) {
    const { entry } = hit;
    const circom = await readFile(join(entry.dir, entry.circom.file), 'utf8').catch(() => '');
    const noir = await readFile(join(entry.dir, entry.noir.dir, 'src', 'gadget.nr'), 'utf8').catch(() => '');
    parts.push(`## ${entry.name} (${entry.id}): ${hit.reason}\n${entry.description}\n\n\`\`\`circom\n${circom}\`\`\`\n\n\`\`\`noir\n${noir}\`\`\``);
  }
  return parts.join('\n\n') || '(none found)';
}
