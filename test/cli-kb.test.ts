import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, zkcoder } from './run-cli.js';

const primitives = join(root, 'knowledge-base/primitives');

/** A copy of a builtin entry under a new id, in a scratch folder. */
function copyEntry(from: string, id: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'zkcoder-entry-')), id);
  cpSync(join(primitives, from), dir, { recursive: true });
  const file = join(dir, 'entry.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), id, name: `My ${from}` }, null, 2));
  return dir;
}

describe('zkcoder kb', () => {
  it('lists, shows and searches entries', async () => {
    const list = await zkcoder(['kb', 'list', '--json']);
    expect(JSON.parse(list.stdout).length).toBeGreaterThanOrEqual(50);
    const show = await zkcoder(['kb', 'show', 'softmax']);
    expect(show.stdout).toContain('Softmax');
    expect(show.stdout).toMatch(/parameters: n=4/);
    const search = await zkcoder(['kb', 'search', 'integer division with remainder', '-k', '3', '--json']);
    expect(JSON.parse(search.stdout)[0]).toMatchObject({ id: 'int-div-rem' });
    const missing = await zkcoder(['kb', 'show', 'no-such-entry']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('zkcoder: no entry "no-such-entry" (see zkcoder kb list)');
  });

  it('verifies an entry in all three forms and prints the table', async () => {
    const result = await zkcoder(['kb', 'verify', '--id', 'is-zero']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/is-zero\s+comparison\s+2\s+4\s+circom:pass noir:pass zksl:pass\s+verified/);
  });

  it('adds a verified user entry and refuses one whose vectors fail, showing them', async () => {
    const home = mkdtempSync(join(tmpdir(), 'zkcoder-home-'));
    const good = copyEntry('logic-and', 'my-and');
    const added = await zkcoder(['kb', 'add', good], { env: { ZKCODER_HOME: home } });
    expect(added.stdout, added.stderr).toContain('added my-and');
    expect(existsSync(join(home, 'kb', 'primitives', 'my-and', 'entry.json'))).toBe(true);
    const listed = await zkcoder(['kb', 'list', '--json'], { env: { ZKCODER_HOME: home } });
    expect(JSON.parse(listed.stdout).find((e: { id: string }) => e.id === 'my-and')).toMatchObject({ origin: 'user' });

    const bad = copyEntry('logic-and', 'my-bad-and');
    const vectorsFile = join(bad, 'vectors.json');
    const vectors = JSON.parse(readFileSync(vectorsFile, 'utf8'));
    vectors.accept[0].outputs = { out: 7 };
    writeFileSync(vectorsFile, JSON.stringify(vectors));
    const refused = await zkcoder(['kb', 'add', bad], { env: { ZKCODER_HOME: home } });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('NOT VERIFIED');
    expect(refused.stdout).toContain('✗ accept[0]');
    expect(refused.stderr).toContain('my-bad-and: refused');
    expect(existsSync(join(home, 'kb', 'primitives', 'my-bad-and'))).toBe(false);
  });
});
