import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './run-cli.js';
// @ts-expect-error plain JavaScript module without types
import { distIsCurrent } from '../scripts/dist.mjs';

const run = promisify(execFile);

/**
 * SLOW END-TO-END TEST (minutes: npm pack builds dist/, npm installs ~200 packages from the cache or
 * the registry). What a user gets from npm: the tarball installed into an empty project runs its CLI
 * and its API from dist/ — tsx is a development dependency only, so the install has none.
 * onnxruntime-node's postinstall would download CUDA libraries on linux/x64: its documented switch
 * ONNXRUNTIME_NODE_INSTALL=skip keeps the install offline (the CPU binaries ship in the package);
 * the install below runs no scripts at all.
 */
const project = mkdtempSync(join(tmpdir(), 'zkcoder-package-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the npm package (slow end-to-end)', () => {
  it('installs from its tarball into an empty project; `npx zkcoder generate` and `import { runAgent } from "zkcoder"` work without tsx', async () => {
    const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip', npm_config_fund: 'false', npm_config_audit: 'false' };
    // CI builds before the tests; rebuilding here would rewrite dist/ under the other tests' CLIs.
    if (!distIsCurrent()) await run('node', ['scripts/build.mjs'], { cwd: root, timeout: 600_000 });
    const packed = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', project], { cwd: root, env, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    const tarball = join(project, packed.stdout.trim().split('\n').at(-1)!);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    // Without install scripts, as a cautious user installs: nothing is compiled, so hnswlib-node (an
    // optional native addon) has no binary and the knowledge-base search below runs without it.
    await run('npm', ['install', tarball, '--prefer-offline', '--ignore-scripts'], { cwd: project, env, timeout: 900_000, maxBuffer: 64 * 1024 * 1024 });
    const installed = join(project, 'node_modules', 'zkcoder');
    expect(existsSync(join(installed, 'dist', 'agent', 'index.d.ts'))).toBe(true);
    // Sources and tests stay out of the package: it runs dist/.
    expect(existsSync(join(installed, 'agent'))).toBe(false);
    expect(existsSync(join(installed, 'test'))).toBe(false);
    // tsx (TypeScript at run time) is a devDependency: nothing the package runs may need it.
    expect(existsSync(join(project, 'node_modules', 'tsx'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', 'hnswlib-node', 'build'))).toBe(false);

    const consumer = `import { runAgent, STAGES } from 'zkcoder'; import { fromLangChain } from 'zkcoder/langchain'; console.log(JSON.stringify([typeof runAgent, typeof fromLangChain, STAGES.length > 0]));`;
    const api = await run('node', ['--input-type=module', '-e', consumer], { cwd: project, timeout: 60_000 });
    expect(JSON.parse(api.stdout.trim())).toEqual(['function', 'function', true]);

    const cliEnv = { ...env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', ZKCODER_PROVIDER: '', ZKCODER_CONFIG: '', XDG_CONFIG_HOME: project };
    // A small entry that, like softmax, includes circomlib (bitify, comparators), runs both toolchains,
    // the soundness analyses and both provers from the installed package; `generate` itself is tested
    // on softmax in generate-cli.test.ts.
    const generated = await run('npx', ['zkcoder', 'generate', 'less than comparison', '--json', '--out', 'out'], { cwd: project, env: cliEnv, timeout: 600_000, maxBuffer: 64 * 1024 * 1024 });
    const result = JSON.parse(generated.stdout.trim().split('\n').at(-1)!) as { type: string; ok: boolean; summary: string };
    expect(result).toMatchObject({ type: 'result', ok: true });
    expect(result.summary).toBe('verified and proved less-than at bits=8 in circom and noir from the knowledge base (no model used)');
    expect(existsSync(join(project, 'out', 'circom', 'circuit.circom'))).toBe(true);
    expect(existsSync(join(project, 'out', 'noir', 'Nargo.toml'))).toBe(true);
  }, 1_800_000);
});
