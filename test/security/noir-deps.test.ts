import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FatalError } from '../../cli/fatal.js';
import { loadCircuit } from '../../cli/load-circuit.js';
import { NoirBackend } from '../../compiler-harness/noir/backend.js';
import type { CompileJobResult } from '../../compiler-harness/noir/toolchain-worker.js';
import { noirToolchainWorker } from '../../compiler-harness/noir/toolchain.js';
import { zkcoder } from '../run-cli.js';

/**
 * Noir dependencies come with a cloned project: a `git =` one would be fetched at run time (there
 * is no network, and there must be no surprise download), a `path =` one could name any folder of
 * the disk. Git is refused; a path outside the project needs --allow-path-deps.
 */

const base = realpathSync(mkdtempSync(join(tmpdir(), 'zkcoder-noir-deps-')));
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(base, path)), { recursive: true });
  writeFileSync(join(base, path), text);
};
const manifest = (name: string, type: string, dependencies = '') => `[package]\nname = "${name}"\ntype = "${type}"\nauthors = [""]\n\n[dependencies]\n${dependencies}`;
const MAIN = 'fn main(x: Field) -> pub Field {\n    shared::double(x) + 1\n}\n';
write('shared/Nargo.toml', manifest('shared', 'lib'));
write('shared/src/lib.nr', 'pub fn double(x: Field) -> Field {\n    x * 2\n}\n');
write('uses-shared/Nargo.toml', manifest('uses_shared', 'bin', 'shared = { path = "../shared" }\n'));
write('uses-shared/src/main.nr', MAIN);
write('uses-git/Nargo.toml', manifest('uses_git', 'bin', '# hashes\nshared = { tag = "v0.1.0", git = "https://github.com/example/shared" }\n'));
write('uses-git/src/main.nr', MAIN);
write('inside/Nargo.toml', manifest('inside', 'bin', '[dependencies.shared]\npath = "lib/shared"\n'));
write('inside/src/main.nr', MAIN);
write('inside/lib/shared/Nargo.toml', manifest('shared', 'lib'));
write('inside/lib/shared/src/lib.nr', 'pub fn double(x: Field) -> Field {\n    x + x\n}\n');
write('vectors.json', JSON.stringify({ accept: [{ inputs: { x: '5' }, outputs: { return: '11' } }] }));

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as FatalError,
  );

describe('zkcoder check loads Noir dependencies from the project only', () => {
  it('refuses a git dependency, naming Nargo.toml and its line', async () => {
    const error = await refusal(loadCircuit(join(base, 'uses-git')));
    expect(error).toBeInstanceOf(FatalError);
    expect(error!.exitCode).toBe(2);
    expect(error!.message).toBe(
      `${join(base, 'uses-git', 'Nargo.toml')}:8: dependency "shared" is a git dependency (git = "https://github.com/example/shared"): zkcoder compiles offline and fetches nothing; vendor it and use path = "…"`,
    );
  });

  it('refuses a path dependency outside the project unless --allow-path-deps', async () => {
    const error = await refusal(loadCircuit(join(base, 'uses-shared')));
    expect(error).toBeInstanceOf(FatalError);
    expect(error!.message).toBe(
      `${join(base, 'uses-shared', 'Nargo.toml')}:7: dependency "shared" (path = "../shared") is outside the project folder ${join(base, 'uses-shared')}; pass --allow-path-deps to compile it`,
    );
    const allowed = await loadCircuit(join(base, 'uses-shared'), { allowPathDeps: true });
    expect(Object.keys(allowed.files).sort()).toEqual(['../shared/Nargo.toml', '../shared/src/lib.nr', 'Nargo.toml', 'src/main.nr']);
  });

  it('with --allow-path-deps the project compiles against the dependency and passes its vectors', async () => {
    const args = ['check', join(base, 'uses-shared'), '--vectors', join(base, 'vectors.json'), '--no-soundness', '--allow-path-deps'];
    const result = await zkcoder(args);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toContain('PASS: 1/1 vectors passed');
  });
});

describe('the harness compiles a Nargo project from its own files, offline', () => {
  const backend = new NoirBackend({ timeoutMs: 60_000 });
  afterAll(() => backend.dispose());
  const circuit = (files: Record<string, string>) => ({ lang: 'noir' as const, entry: 'src/main.nr', name: 't', files: { 'src/main.nr': MAIN, ...files } });

  it('a dependency inside the project compiles; one not among the files, absolute, or git is a diagnostic', async () => {
    const inside = await loadCircuit(join(base, 'inside'));
    const compiled = await backend.compile(inside);
    expect(compiled.diagnostics).toEqual([]);
    expect((await backend.execute(compiled.compiled!, { x: '5' })).ok).toBe(true);
    const cases: [string, RegExp][] = [
      ['shared = { path = "../../../../../../../etc" }', /dependency "shared" \(path = "\.\.\/\.\.\/.*\/etc"\) is not among the circuit's files/],
      ['shared = { path = "/etc" }', /dependency "shared" has an absolute path \("\/etc"\)/],
      ['shared = { git = "https://github.com/example/shared", tag = "v1" }', /dependency "shared" is a git dependency/],
    ];
    for (const [dependency, message] of cases) {
      const result = await backend.compile(circuit({ 'Nargo.toml': manifest('t', 'bin', `${dependency}\n`) }));
      expect(result.ok).toBe(false);
      expect(result.diagnostics[0]).toMatchObject({ file: 'Nargo.toml', line: 7, code: 'nargo-dependency', message: expect.stringMatching(message) });
    }
  });

  it('the compiler worker itself reads nothing outside the build folder and fetches nothing', async () => {
    // Past the manifest check (a form it might not read): the worker still refuses.
    const worker = noirToolchainWorker();
    try {
      const compile = async (project: string) => {
        const outcome = await worker.run<CompileJobResult>('compile', { projectDir: join(base, project), readRoot: join(base, project) }, 60_000);
        return outcome.timedOut ? 'timed out' : outcome.value.ok ? 'compiled' : outcome.value.message;
      };
      expect(await compile('uses-shared')).toMatch(/shared.* is outside the circuit's files: the compiler reads nothing else/);
      expect(await compile('uses-git')).toMatch(/zkcoder compiles offline: dependencies are never fetched/);
      expect(await compile('inside')).toBe('compiled');
    } finally {
      await worker.terminate();
    }
  });
});
