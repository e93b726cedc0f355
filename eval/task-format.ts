import { z } from 'zod';
import { TestVectorsSchema, type TestVectors } from '../compiler-harness/vectors/schema.js';
import type { Lang } from '../compiler-harness/types.js';

/**
 * The benchmark's task format (documented in FORMAT.md): one JSON object per line of
 * `level1.jsonl`, `level2.jsonl` and `level3.jsonl`. Level 1 is a multiple-choice question; levels 2
 * and 3 ask for a program with a fixed interface, graded on hidden vectors the model never sees.
 */

const LangSchema = z.enum(['circom', 'noir']);
const IdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'ids are letters, digits, "-", "_" and "." (they name folders)');

/** What a compiler can confirm about a level-1 answer: the question's snippet compiles (or not), its size, its outputs. */
const ConfirmSchema = z.strictObject({
  source: z.string().min(1),
  expect: z.strictObject({
    compiles: z.boolean(),
    constraints: z.number().int().nonnegative().optional(),
    template: z.string().optional(),
    params: z.array(z.number().int()).optional(),
    inputs: z.record(z.string(), z.unknown()).optional(),
    outputs: z.record(z.string(), z.unknown()).optional(),
    executes: z.boolean().optional(),
  }),
});

export const Level1TaskSchema = z
  .strictObject({
    id: IdSchema,
    level: z.literal(1),
    category: z.enum(['basic-syntax', 'advanced', 'api', 'compiler']),
    lang: LangSchema,
    question: z.string().min(1),
    choices: z.array(z.string().min(1)).min(2).max(8),
    answer: z.number().int().nonnegative(),
    confirm: ConfirmSchema.optional(),
  })
  .refine((task) => task.answer < task.choices.length, { message: 'answer is not the index of a choice', path: ['answer'] });

const SignalSchema = z.strictObject({ name: z.string().min(1), shape: z.array(z.number().int().positive()).default([]) });

const InterfaceSchema = z.strictObject({
  circom: z
    .strictObject({
      template: z.string().min(1),
      params: z.array(z.number().int()).default([]),
      inputs: z.array(SignalSchema),
      outputs: z.array(SignalSchema),
      publicInputs: z.array(z.string()).default([]),
    })
    .optional(),
  noir: z.strictObject({ signature: z.string().min(1), returnNames: z.array(z.string()).default([]) }).optional(),
});

/** One vectors object for both languages, or one per language when their vectors must differ. */
const TaskVectorsSchema = z.union([TestVectorsSchema, z.strictObject({ circom: TestVectorsSchema.optional(), noir: TestVectorsSchema.optional() })]);

export const ProgramTaskSchema = z
  .strictObject({
    id: IdSchema,
    level: z.union([z.literal(2), z.literal(3)]),
    category: z.string().min(1),
    langs: z.array(LangSchema).min(1),
    spec: z.string().min(1),
    interface: InterfaceSchema,
    vectors: TaskVectorsSchema,
    leaks: z.array(z.string()).default([]),
    solution: z.strictObject({ circom: z.string().optional(), noir: z.string().optional() }).default({}),
  })
  .superRefine((task, context) => {
    if (task.level === 2 && !['logic', 'bitwise', 'comparison', 'arithmetic', 'composite'].includes(task.category)) {
      context.addIssue({ code: 'custom', path: ['category'], message: 'a level-2 category is logic, bitwise, comparison, arithmetic or composite' });
    }
    for (const lang of task.langs) {
      if (!task.interface[lang]) context.addIssue({ code: 'custom', path: ['interface', lang], message: `the task is in ${lang} but has no ${lang} interface` });
    }
  });

export type Level1Task = z.infer<typeof Level1TaskSchema>;
export type ProgramTaskLine = z.infer<typeof ProgramTaskSchema>;
export type CircomInterface = NonNullable<ProgramTaskLine['interface']['circom']>;
export type NoirInterface = NonNullable<ProgramTaskLine['interface']['noir']>;
export type Category = string;

/**
 * Vectors made from positional arguments once the circuit is compiled: an external task set names
 * no signals, so its arguments map to the main template's inputs in declaration order.
 */
export interface PositionalVectors {
  cases: { args: unknown[]; outputs: unknown[] }[];
}

/** A level-2/3 task as the runner uses it: solution paths resolved, source location kept for messages. */
export interface ProgramTask {
  id: string;
  level: 2 | 3;
  category: string;
  langs: Lang[];
  spec: string;
  interface: ProgramTaskLine['interface'];
  /** The interface in words, for task sets that fix no names (it replaces the one made from `interface`). */
  interfaceNote?: string;
  /** Hidden vectors per language (never shown to the model); or positional ones for external task sets. */
  vectors: Partial<Record<Lang, TestVectors>> | { positional: PositionalVectors };
  leaks: string[];
  /** Absolute paths of the reference solutions. */
  solution: Partial<Record<Lang, string>>;
  /** `file:line` of the task. */
  source: string;
}

export interface QuestionTask extends Level1Task {
  source: string;
}

export type EvalTask = QuestionTask | ProgramTask;

export function isQuestion(task: EvalTask): task is QuestionTask {
  return task.level === 1;
}

/** The task's hidden vectors for one language (a single object serves both). */
export function vectorsOf(line: ProgramTaskLine, lang: Lang): TestVectors | undefined {
  const vectors = line.vectors;
  if ('accept' in vectors || 'reject' in vectors || 'forge' in vectors) return vectors as TestVectors;
  return (vectors as { circom?: TestVectors; noir?: TestVectors })[lang];
}
