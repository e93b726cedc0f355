import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * The `model` section of a configuration file (the project's zkcoder.config.json or the user's
 * own config.json; config-layers.ts decides what each may set). Other sections belong to other
 * parts of zkcoder and are left alone; inside ours, unknown keys are errors so a typo never
 * silently does nothing.
 */
export const providerNames = ['openai', 'anthropic', 'openai-compatible', 'exec', 'replay'] as const;
export type ProviderName = (typeof providerNames)[number];

const priceSchema = z.strictObject({
  inputPerMillion: z.number().nonnegative(),
  outputPerMillion: z.number().nonnegative(),
});

export const modelSectionSchema = z.strictObject({
  provider: z.enum([...providerNames, 'none']).optional(),
  /** The model name as the provider knows it, e.g. 'gpt-5-mini' or 'llama3.1:8b'. */
  name: z.string().min(1).optional(),
  baseURL: z.url().optional(),
  /** Keys never live in a project file; this names the environment variable that holds one. */
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
  timeoutSeconds: z.number().positive().optional(),
  maxRetries: z.int().nonnegative().max(10).optional(),
  maxTokens: z.int().positive().optional(),
  maxCostUsd: z.number().positive().optional(),
  exec: z
    .strictObject({
      command: z.union([z.string().min(1), z.array(z.string()).min(1)]),
      input: z.enum(['text', 'json']).optional(),
      output: z.enum(['text', 'json']).optional(),
    })
    .optional(),
  /** Prices for models missing from (or stale in) the built-in table, keyed by `provider:model`. */
  prices: z.record(z.string(), priceSchema).optional(),
});

export type ModelSection = z.infer<typeof modelSectionSchema>;

const configFileSchema = z.looseObject({ model: modelSectionSchema.optional() });

export const configFileName = 'zkcoder.config.json';

/** A configuration problem the user can fix; the message is one line naming flag, variable or file. */
export class ModelConfigError extends Error {
  override name = 'ModelConfigError';
}

/** Returns undefined when the file does not exist; other read errors are real problems. */
export type ReadTextFile = (path: string) => Promise<string | undefined>;

export const readTextFileIfPresent: ReadTextFile = async (path) => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ModelConfigError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
};

export async function loadModelSection(options: {
  path: string;
  required: boolean;
  readTextFile: ReadTextFile;
  /** What named the file, for the message when a required one is missing, e.g. '--config'. */
  missingHint?: string;
}): Promise<ModelSection | undefined> {
  const text = await options.readTextFile(options.path);
  if (text === undefined) {
    if (options.required) {
      throw new ModelConfigError(`${options.path}: no such file (${options.missingHint ?? '--config'})`);
    }
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ModelConfigError(`${options.path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (parsed.success) return parsed.data.model;
  const issue = parsed.error.issues[0];
  if (!issue) throw new ModelConfigError(`${options.path}: invalid configuration`);
  const where = issue.path.join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const advice = /^api_?key$/i.test(key)
      ? 'keys do not belong in a project file; set model.apiKeyEnv to the name of an environment variable'
      : `unknown key '${key}'`;
    throw new ModelConfigError(`${options.path}: ${where}.${key}: ${advice}`);
  }
  throw new ModelConfigError(`${options.path}: ${where}: ${issue.message}`);
}
