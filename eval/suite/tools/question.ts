/**
 * How level-1 questions are written: the right answer first, then three wrong ones; the writer
 * places the right answer at a position that varies by question, so the key has no bias.
 */
import type { Confirm, Question } from '../suite-files.js';

export interface Draft {
  category: Question['category'];
  question: string;
  right: string;
  wrong: [string, string, string];
  confirm?: Confirm;
}

const SHORT: Record<Question['category'], string> = { 'basic-syntax': 'syntax', advanced: 'advanced', api: 'api', compiler: 'compiler' };

/** Number the drafts per category and rotate each one's choices so the answer lands at index (n mod 4). */
export function toQuestions(lang: Question['lang'], drafts: Draft[]): Question[] {
  const counters = new Map<string, number>();
  return drafts.map((draft) => {
    const n = (counters.get(draft.category) ?? 0) + 1;
    counters.set(draft.category, n);
    const answer = (n * 3 + draft.question.length) % 4;
    const choices = [...draft.wrong];
    choices.splice(answer, 0, draft.right);
    const id = `l1-${lang}-${SHORT[draft.category]}-${String(n).padStart(3, '0')}`;
    const question: Question = { id, level: 1, category: draft.category, lang, question: draft.question, choices, answer };
    if (draft.confirm) question.confirm = draft.confirm;
    return question;
  });
}

/** A Circom file with the usual pragma. */
export function circom(body: string): string {
  return `pragma circom 2.1.6;\n${body.trim()}\n`;
}
