import type { Lang } from '../compiler-harness/types.js';
import type { ProgramTask, QuestionTask } from './task-format.js';

/**
 * The benchmark's own prompts. Their ids carry a version, recorded with every attempt, so results
 * from different prompt versions are never compared unknowingly.
 */

export const LETTERS = 'ABCDEFGH';
const LANGUAGE: Record<Lang, string> = { circom: 'Circom 2', noir: 'Noir' };

/** A level-1 question with lettered choices. */
export function questionPrompt(task: QuestionTask): { id: string; text: string } {
  const choices = task.choices.map((choice, i) => `${LETTERS[i]}. ${choice}`).join('\n');
  const text = [
    `A multiple-choice question about ${LANGUAGE[task.lang]} (zero-knowledge circuits). Exactly one choice is correct.`,
    '',
    task.question,
    '',
    choices,
    '',
    'Think as briefly as you like, then end with one line of the form "Answer: X", X being the letter of the correct choice.',
  ].join('\n');
  return { id: 'eval-question.v1', text };
}

/** The letter a model chose, as a 0-based index; undefined when the answer names none (or several). */
export function parseChoice(answer: string, choices: number): number | undefined {
  const letters = LETTERS.slice(0, choices);
  const explicit = [...answer.matchAll(new RegExp(`answer\\s*(?:is)?\\s*[:\\-]?\\s*\\**\\(?([${letters}])\\)?\\b`, 'gi'))];
  const last = explicit.at(-1)?.[1];
  if (last) return letters.indexOf(last.toUpperCase());
  const bare = answer.trim().match(new RegExp(`^\\(?([${letters}])\\)?[.):]?$`, 'i'));
  if (bare) return letters.indexOf(bare[1].toUpperCase());
  return undefined;
}

/** The interface a program must have, as the model reads it (the same text in every mode). */
export function interfaceText(task: ProgramTask, lang: Lang): string {
  if (task.interfaceNote) return task.interfaceNote;
  if (lang === 'circom') {
    const circom = task.interface.circom!;
    const signal = (s: { name: string; shape: number[] }) => `${s.name}${s.shape.map((n) => `[${n}]`).join('')}`;
    const publics = circom.publicInputs.length ? ` {public [${circom.publicInputs.join(', ')}]}` : '';
    return [
      `Circom interface: template \`${circom.template}\`${circom.params.length ? ` instantiated with parameters (${circom.params.join(', ')})` : ''}.`,
      `- input signals: ${circom.inputs.map(signal).join(', ') || '(none)'}`,
      `- output signals: ${circom.outputs.map(signal).join(', ') || '(none)'}`,
      `- main component: \`component main${publics} = ${circom.template}(${circom.params.join(', ')});\``,
    ].join('\n');
  }
  const noir = task.interface.noir!;
  const returns = noir.returnNames.length ? `\n- the returned values, in order, are: ${noir.returnNames.join(', ')}` : '';
  return `Noir interface: the program's entry point is \`${noir.signature}\` in src/main.nr.${returns}`;
}

/** The task as the agent gets it: the spec and the interface (never the vectors or the solution). */
export function taskText(task: ProgramTask, lang: Lang): string {
  const names = task.interfaceNote ? '' : '\nUse exactly these names for the inputs and outputs.';
  return `${task.spec.trim()}\n\n${interfaceText(task, lang)}${names}`;
}

/** `direct` mode: one prompt, the model writes the whole program (the paper's baseline). */
export function directPrompt(task: ProgramTask, lang: Lang): { id: string; text: string } {
  const whole =
    lang === 'circom'
      ? 'a complete Circom 2 file: the pragma, any includes (circomlib is available as "circomlib/circuits/<file>.circom"), the template, and the `component main` line'
      : 'a complete Noir `src/main.nr` for Noir 1.0 (no external dependencies)';
  const text = [
    `Write a zero-knowledge circuit in ${LANGUAGE[lang]}.`,
    '',
    '## Task',
    task.spec.trim(),
    '',
    '## Interface',
    interfaceText(task, lang),
    '',
    '## Rules',
    '- It must be sound: every value computed outside the constraints (`<--` in Circom, an `unconstrained fn` in Noir) is constrained afterwards; every quotient, remainder and bit is range-checked.',
    '- It must refuse inputs outside the spec (an assertion or constraint fails for them).',
    '',
    `Reply with ${whole}, in one \`\`\`${lang} code block.`,
  ].join('\n');
  return { id: `eval-direct-${lang}.v1`, text };
}
