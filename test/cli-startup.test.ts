import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, requestedCommand } from '../cli/command-table.js';
import { zkcoder } from './run-cli.js';

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
