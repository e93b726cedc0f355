import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadModelSection, type ModelSection, type ReadTextFile } from './config-file.js';
import { priceFor } from './usage.js';

/**
 * Two configuration files, two levels of trust. The user's own file (`$ZKCODER_CONFIG`, or
 * `$XDG_CONFIG_HOME/zkcoder/config.json`, by default under `~/.config`) is trusted like a flag. The
 * project's `zkcoder.config.json` comes with whatever repository the user cloned: it may choose
 * harmless things (model name, budgets, prices, time limits, retries, a hosted provider whose key
 * then goes to that provider's own endpoint), but not where a key is sent or what program runs.
 * Those settings are dropped, with one warning line, unless the user passes --trust-project-config.
 * Nor may it lower a price zkcoder or the user knows: a price of 0 would switch off --max-cost.
 */

/** Settings of a project file that send credentials somewhere or run a program. */
export const routingSettings = ['baseURL', 'apiKeyEnv', 'exec'] as const;

export interface ConfigLayersOptions {
  /** The project file: `--config`, or zkcoder.config.json in the working directory. */
  projectPath: string;
  /** True for `--config`: the user named it, so its absence is an error. */
  projectRequired: boolean;
  trustProject: boolean;
  env: Readonly<Record<string, string | undefined>>;
  readTextFile: ReadTextFile;
}

export interface ConfigLayers {
  /** The settings in force: the user's file, overridden by what the project may set. */
  section: ModelSection;
  projectFile?: string;
  userFile?: string;
  /** One line each, for the CLI to show: settings of the project file that were ignored. */
  warnings: string[];
}

/** Where the user's own configuration lives, and whether the user named it (then it must exist). */
export function userConfigPath(env: Readonly<Record<string, string | undefined>>): {
  path: string;
  required: boolean;
} {
  if (env.ZKCODER_CONFIG) return { path: resolve(env.ZKCODER_CONFIG), required: true };
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return { path: join(base, 'zkcoder', 'config.json'), required: false };
}

export async function loadConfigLayers(options: ConfigLayersOptions): Promise<ConfigLayers> {
  const user = userConfigPath(options.env);
  const userSection = await loadModelSection({
    path: user.path,
    required: user.required,
    readTextFile: options.readTextFile,
    missingHint: 'ZKCODER_CONFIG',
  });
  // The same file reached both ways (a project run from the config folder) is the user's.
  const projectSection =
    options.projectPath === user.path
      ? undefined
      : await loadModelSection({
          path: options.projectPath,
          required: options.projectRequired,
          readTextFile: options.readTextFile,
          missingHint: '--config',
        });
  const trusted = userSection ?? {};
  const { allowed, ignored } = options.trustProject
    ? { allowed: projectSection ?? {}, ignored: [] }
    : harmlessPart(projectSection ?? {}, trusted);
  const warnings = ignored.length
    ? [
        `${options.projectPath}: ignored ${ignored.map((key) => `model.${key}`).join(', ')}: ` +
          'a project file may not choose where keys go or run commands ' +
          '(pass --trust-project-config to use them, or move them to your own config)',
      ]
    : [];
  if (!options.trustProject && allowed.prices) {
    const lowered = loweredPrices(allowed.prices, trusted.prices ?? {});
    for (const id of lowered) delete allowed.prices[id];
    if (lowered.length) {
      warnings.push(
        `${options.projectPath}: ignored model.prices for ${lowered.join(', ')}: ` +
          'a project file may not lower a known price, which --max-cost relies on ' +
          '(pass --trust-project-config, or set the price in your own config)',
      );
    }
  }
  const prices =
    trusted.prices || allowed.prices ? { ...trusted.prices, ...allowed.prices } : undefined;
  return {
    section: { ...trusted, ...allowed, ...(prices ? { prices } : {}) },
    ...(projectSection ? { projectFile: options.projectPath } : {}),
    ...(userSection ? { userFile: user.path } : {}),
    warnings,
  };
}

/**
 * The project settings that may apply without trust, and the names of those dropped. Choosing the
 * exec provider runs a program, so the project may choose it only when the command is the user's.
 */
function harmlessPart(
  project: ModelSection,
  trusted: ModelSection,
): { allowed: ModelSection; ignored: string[] } {
  const allowed: ModelSection = { ...project, ...(project.prices ? { prices: { ...project.prices } } : {}) };
  const ignored: string[] = [];
  for (const key of routingSettings) {
    if (project[key] === undefined) continue;
    delete allowed[key];
    ignored.push(key);
  }
  if (project.provider === 'exec' && !trusted.exec) {
    delete allowed.provider;
    ignored.push('provider');
  }
  return { allowed, ignored };
}

/** Model ids whose project price is below the price zkcoder lists or the user's file sets. */
function loweredPrices(project: NonNullable<ModelSection['prices']>, user: NonNullable<ModelSection['prices']>): string[] {
  return Object.entries(project)
    .filter(([id, price]) => {
      const known = priceFor(id, user);
      return known !== undefined && (price.inputPerMillion < known.inputPerMillion || price.outputPerMillion < known.outputPerMillion);
    })
    .map(([id]) => id);
}
