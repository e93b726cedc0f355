import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = new URL('..', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the real `zkcoder` binary (as a user would) and collect its exit code and output. Model keys,
 * embedder settings and the user config file are removed from the environment so a developer's own
 * configuration never turns a test into a model run.
 */
let configHome: string | undefined;
function emptyConfigHome(): string {
  configHome ??= mkdtempSync(join(tmpdir(), 'zkcoder-config-home-'));
  return configHome;
}

export async function zkcoder(args: string[], options: { cwd?: string; timeoutMs?: number; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<CliResult> {
  // Embedder settings too: a developer's own server must not answer (or see) the tests' searches.
  const env = {
    ...process.env,
    OPENAI_API_KEY: '',
    ANTHROPIC_API_KEY: '',
    OPENAI_BASE_URL: '',
    ZKCODER_PROVIDER: '',
    ZKCODER_MODEL: '',
    ZKCODER_EMBEDDER: '',
    ZKCODER_EMBEDDING_URL: '',
    ZKCODER_EMBEDDING_MODEL: '',
    ZKCODER_EMBEDDING_KEY: '',
    // The developer's own config file (~/.config/zkcoder/config.json) stays out of tests too.
    ZKCODER_CONFIG: '',
    XDG_CONFIG_HOME: emptyConfigHome(),
    ...options.env,
  };
  try {
    const { stdout, stderr } = await run('node', [...(options.nodeArgs ?? []), join(root, 'bin/zkcoder.js'), ...args], {
      cwd: options.cwd ?? root,
      env,
      timeout: options.timeoutMs ?? 240_000,
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
