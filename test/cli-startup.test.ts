import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_MODULES, requestedCommand } from '../cli/command-table.js';
import { root, zkcoder } from './run-cli.js';

describe('the CLI loads only the command it runs', () => {
  it("each command's summary in the table is the description its module registers", async () => {
    for (const module of COMMAND_MODULES) {
      const program = new Command();
      (await module.load())(program);
      const registered = Object.fromEntries(program.commands.map((command) => [command.name(), command.description()]));
      expect(registered).toEqual(module.commands);
    }
  });

  it('finds the command in argv, through `help` and around options', () => {
    expect(requestedCommand(['--help'])).toBeUndefined();
    expect(requestedCommand(['check', 'a.circom', '--prove'])).toBe('check');
    expect(requestedCommand(['help', 'kb'])).toBe('kb');
    expect(requestedCommand(['--json', 'generate', 'softmax'])).toBe('generate');
  });

  it('`zkcoder --help` lists every command; `help <command>` shows that command in full', async () => {
    const top = await zkcoder(['--help']);
    expect(top.code).toBe(0);
    for (const name of COMMAND_MODULES.flatMap((module) => Object.keys(module.commands))) expect(top.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const check = await zkcoder(['help', 'check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Usage: zkcoder check');
    expect(check.stdout).toContain('--vectors');
    const unknown = await zkcoder(['chek']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('(Did you mean check?)');
  });
});

describe('a command imports the packages it uses, not the others', () => {
  const logs = mkdtempSync(join(tmpdir(), 'zkcoder-packages-'));
  afterAll(() => rmSync(logs, { recursive: true, force: true }));
  const hook = join(root, 'test/fixtures/loader/record-packages.mjs');
  // The packages zkcoder's own process (main thread) imports while running `args`.
  async function packagesLoaded(name: string, args: string[]): Promise<Set<string>> {
    const log = join(logs, `${name}.log`);
    const result = await zkcoder(args, { nodeArgs: ['--import', hook], env: { ZKCODER_TEST_PACKAGES_LOG: log } });
    expect(result.code, result.stderr).toBe(0);
    return new Set(readFileSync(log, 'utf8').trim().split('\n'));
  }
  const SDKS = ['openai', '@anthropic-ai/sdk', '@langchain/core', 'ink', 'react'];
  const TOOLCHAINS = ['@noir-lang/noir_wasm', '@noir-lang/noir_js', '@aztec/bb.js', 'snarkjs', 'ffjavascript', 'z3-solver', 'onnxruntime-node'];

  it('`kb list` and `kb show` load no SDK and no toolchain', async () => {
    for (const [name, args] of [['list', ['kb', 'list', '--json']], ['show', ['kb', 'show', 'softmax']]] as const) {
      const loaded = await packagesLoaded(name, [...args]);
      expect(loaded.has('commander')).toBe(true); // the hook did record
      for (const unused of [...SDKS, ...TOOLCHAINS, 'circom2', 'esbuild', 'quickjs-emscripten']) expect(loaded, `kb ${name}`).not.toContain(unused);
    }
  });

  it('a Circom check (without --prove) loads neither Noir, a prover, z3 nor an SDK in its own process', async () => {
    const fixtures = join(root, 'test/fixtures/circom');
    const loaded = await packagesLoaded('check', ['check', join(fixtures, 'multiplier.circom'), '--template', 'Multiplier', '--vectors', join(fixtures, 'multiplier.vectors.json')]);
    expect(loaded.has('commander')).toBe(true);
    for (const unused of [...SDKS, ...TOOLCHAINS]) expect(loaded).not.toContain(unused);
  });
});
