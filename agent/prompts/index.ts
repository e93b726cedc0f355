import { readFileSync } from 'node:fs';

/**
 * Prompt templates live beside this file as `<name>.v<version>.md`; the version is recorded with
 * every request. A changed prompt gets a new version file, and old ones stay so a saved transcript
 * can still be read against the prompt it used. Why each version changed: `CHANGELOG.md`.
 */
export const PROMPTS = {
  sketch: 'sketch.v4',
  repairSketch: 'repair-sketch.v4',
  writeCode: 'write-code.v2',
  repairCode: 'repair-code.v2',
} as const;

export type PromptName = keyof typeof PROMPTS;

const cache = new Map<string, string>();

/** Fill a prompt template's `{{name}}` slots; a slot without a value is an error, not an empty string. */
export function renderPrompt(name: PromptName, values: Record<string, string | number>): { id: string; text: string } {
  const id = PROMPTS[name];
  let template = cache.get(id);
  if (!template) {
    template = readFileSync(new URL(`./${id}.md`, import.meta.url), 'utf8');
    cache.set(id, template);
  }
  const text = template.replace(/\{\{(\w+)\}\}/g, (_, slot: string) => {
    if (!(slot in values)) throw new Error(`prompt ${id}: no value for {{${slot}}}`);
    return String(values[slot]);
  });
  return { id, text };
}

/**
 * The code block in a model's answer: the first fenced block labelled with one of `languages`;
 * only when none is labelled so, the first unlabelled block. An answer is untrusted text, so a
 * stray unlabelled block (a shell command, an example) before the real one must not win.
 */
export function extractCodeBlock(text: string, languages: string[]): string | undefined {
  let unlabelled: string | undefined;
  for (const match of text.matchAll(/```([\w+-]*)[^\n]*\n([\s\S]*?)```/g)) {
    const label = match[1].toLowerCase();
    const code = match[2].replace(/\s+$/, '\n');
    if (languages.includes(label)) return code;
    if (label === '') unlabelled ??= code;
  }
  return unlabelled;
}
