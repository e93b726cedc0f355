import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { Lang } from '../compiler-harness/types.js';
import { jsonPath } from '../compiler-harness/vectors/schema.js';
import { Level1TaskSchema, ProgramTaskSchema, vectorsOf, type EvalTask, type ProgramTask, type QuestionTask } from './task-format.js';

/** A task file that cannot be used: the message names the file, the line and the JSON path. */
export class TaskFileError extends Error {
  override name = 'TaskFileError';
}

/** The suite shipped with zkcoder: `eval/suite/level{1,2,3}.jsonl`. */
export const SUITE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'suite');

/** One non-empty line of a JSONL file, parsed, with where it came from. */
export interface TaskLine {
  json: unknown;
  file: string;
  line: number;
}

/** Every non-empty, non-comment line of a JSONL file, parsed as JSON (a bad line names its number). */
export function readJsonLines(file: string): TaskLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new TaskFileError(`${file}: cannot read the task file`);
  }
  const lines: TaskLine[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('//')) continue;
    try {
      lines.push({ json: JSON.parse(trimmed), file, line: index + 1 });
    } catch (error) {
      throw new TaskFileError(`${file}:${index + 1}: not valid JSON (${(error as Error).message})`);
    }
  }
  return lines;
}

/** Validate one line against a schema; the first problem (an unknown key first: a typo explains the rest) names its path. */
export function parseLine<S extends z.ZodType>(schema: S, line: TaskLine): z.infer<S> {
  const result = schema.safeParse(line.json);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  const id = typeof (line.json as { id?: unknown })?.id === 'string' ? ` (task ${(line.json as { id: string }).id})` : '';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new TaskFileError(`${line.file}:${line.line}${id}: ${jsonPath(issue.path) || 'top level'}: ${issue.message}${more}`);
}

/** Tasks of the zkcoder format from one JSONL file; each line's `level` picks its schema. */
export function loadZkcoderTasks(file: string): EvalTask[] {
  const tasks: EvalTask[] = [];
  const seen = new Map<string, number>();
  for (const line of readJsonLines(file)) {
    const level = (line.json as { level?: unknown })?.level;
    const task = level === 1 ? questionTask(line) : programTask(line);
    const earlier = seen.get(task.id);
    if (earlier) throw new TaskFileError(`${file}:${line.line}: id "${task.id}" is already used on line ${earlier}`);
    seen.set(task.id, line.line);
    tasks.push(task);
  }
  return tasks;
}

function questionTask(line: TaskLine): QuestionTask {
  return { ...parseLine(Level1TaskSchema, line), source: `${line.file}:${line.line}` };
}

function programTask(line: TaskLine): ProgramTask {
  const parsed = parseLine(ProgramTaskSchema, line);
  const where = `${line.file}:${line.line} (task ${parsed.id})`;
  const vectors: Partial<Record<Lang, ReturnType<typeof vectorsOf>>> = {};
  for (const lang of parsed.langs) {
    const own = vectorsOf(parsed, lang);
    if (!own || own.accept.length === 0) throw new TaskFileError(`${where}: vectors: no accept vector for ${lang} (grading needs at least one)`);
    vectors[lang] = own;
  }
  const solution: Partial<Record<Lang, string>> = {};
  for (const lang of ['circom', 'noir'] as const) {
    const path = parsed.solution[lang];
    if (!path) continue;
    const full = isAbsolute(path) ? path : resolve(dirname(line.file), path);
    if (!existsSync(full)) throw new TaskFileError(`${where}: solution.${lang}: no file ${full}`);
    solution[lang] = full;
  }
  return {
    id: parsed.id,
    level: parsed.level,
    category: parsed.category,
    langs: parsed.langs,
    spec: parsed.spec,
    interface: parsed.interface,
    vectors: vectors as ProgramTask['vectors'],
    leaks: parsed.leaks,
    solution,
    source: `${line.file}:${line.line}`,
  };
}

/** The suite's level files that exist in `dir` (default the shipped suite), for the levels asked. */
export function suiteFiles(levels: (1 | 2 | 3)[], dir = SUITE_DIR): string[] {
  const files = levels.map((level) => join(dir, `level${level}.jsonl`)).filter((file) => existsSync(file));
  if (!files.length) throw new TaskFileError(`${dir}: no level${levels.join('/level')}.jsonl: the suite is missing (give a task file with --tasks)`);
  return files;
}
