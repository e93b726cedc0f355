import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFolderInsideSync, gatePath, WriteRefused, writeInside, writeInsideSync } from '../../compiler-harness/files/write-gate.js';
import { RunStore } from '../../agent/runs/run-store.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'zkcoder-gate-test-'));

describe('the write gate', () => {
  it('writes inside its root, creating folders, and accepts an absolute path inside it', async () => {
    const root = scratch();
    const written = await writeInside(root, 'circom/main.circom', 'x');
    expect(written).toBe(join(root, 'circom', 'main.circom'));
    expect(readFileSync(written, 'utf8')).toBe('x');
    expect(gatePath(root, join(root, 'a', 'b'))).toBe(join(root, 'a', 'b'));
  });

  it('refuses `..`, absolute paths elsewhere, and the root itself as a file', async () => {
    const root = scratch();
    const outside = join(root, '..', `escaped-${Date.now()}`);
    await expect(writeInside(root, `../${outside.split('/').pop()}`, 'x')).rejects.toThrow(WriteRefused);
    expect(() => writeInsideSync(root, 'a/../../b', 'x')).toThrow(/leaves the folder/);
    expect(() => writeInsideSync(root, '/tmp/zkcoder-gate-absolute', 'x')).toThrow(/an absolute path elsewhere/);
    expect(() => writeInsideSync(root, '', 'x')).toThrow(/the folder itself/);
    expect(existsSync(outside)).toBe(false);
    expect(existsSync('/tmp/zkcoder-gate-absolute')).toBe(false);
  });

  it('refuses a folder that is a symbolic link leading outside, and a target that is a link', () => {
    const root = scratch();
    const elsewhere = scratch();
    symlinkSync(elsewhere, join(root, 'linked'));
    expect(() => writeInsideSync(root, 'linked/file.txt', 'x')).toThrow(/symbolic link leads outside/);
    expect(() => writeInsideSync(root, 'linked/deeper/file.txt', 'x')).toThrow(/symbolic link leads outside/);
    writeFileSync(join(elsewhere, 'victim'), 'original');
    symlinkSync(join(elsewhere, 'victim'), join(root, 'report.json'));
    expect(() => writeInsideSync(root, 'report.json', 'x')).toThrow(/the file is a symbolic link/);
    symlinkSync(join(elsewhere, 'missing', 'dir'), join(root, 'dangling'));
    expect(() => writeInsideSync(root, 'dangling/file.txt', 'x')).toThrow(WriteRefused);
    expect(readFileSync(join(elsewhere, 'victim'), 'utf8')).toBe('original');
    expect(existsSync(join(elsewhere, 'file.txt'))).toBe(false);
  });

  it('follows a link that stays inside the root, and a root that is itself a link', () => {
    const base = scratch();
    mkdirSync(join(base, 'real'));
    symlinkSync(join(base, 'real'), join(base, 'root'));
    mkdirSync(join(base, 'real', 'inner'));
    symlinkSync(join(base, 'real', 'inner'), join(base, 'real', 'alias'));
    writeInsideSync(join(base, 'root'), 'alias/x.txt', 'ok');
    expect(readFileSync(join(base, 'real', 'inner', 'x.txt'), 'utf8')).toBe('ok');
  });

  it('copies a folder without following or copying symbolic links', () => {
    const source = scratch();
    const root = scratch();
    mkdirSync(join(source, 'noir', 'src'), { recursive: true });
    writeFileSync(join(source, 'entry.json'), '{}');
    writeFileSync(join(source, 'noir', 'src', 'main.nr'), 'fn main() {}');
    copyFolderInsideSync(source, root, 'entry');
    expect(readFileSync(join(root, 'entry', 'noir', 'src', 'main.nr'), 'utf8')).toBe('fn main() {}');
    symlinkSync('/etc/hostname', join(source, 'sketch.ts'));
    expect(() => copyFolderInsideSync(source, root, 'other')).toThrow(/is a symbolic link/);
  });
});

describe('run folders go through the gate', () => {
  it('an attempt file named outside the run folder is refused and nothing is written there', () => {
    const root = scratch();
    const run = new RunStore(root).create('task', 'model', {});
    expect(() => run.writeAttempt(1, { '../../../escaped.circom': 'x' })).toThrow(WriteRefused);
    expect(() => run.writeAttempt(1, { '/tmp/zkcoder-escaped-attempt.circom': 'x' })).toThrow(WriteRefused);
    expect(existsSync(join(root, 'escaped.circom'))).toBe(false);
    expect(existsSync('/tmp/zkcoder-escaped-attempt.circom')).toBe(false);
    run.writeAttempt(1, { 'circom/main.circom': 'ok' });
    expect(readFileSync(join(run.dir, 'attempts', '1', 'circom', 'main.circom'), 'utf8')).toBe('ok');
  });
});
