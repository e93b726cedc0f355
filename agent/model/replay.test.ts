import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CassetteError, hashMessages, readCassette } from './cassette.js';
import { loadReplayModel, recordingModel, replayModel } from './providers/replay.js';
import { scriptedModel } from './providers/scripted.js';
import { ModelError, type ModelRequest } from './types.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'zkcoder-cassette-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const conversation: ModelRequest[] = [
  { messages: [{ role: 'system', content: 'You write circuits.' }, { role: 'user', content: 'range check' }], maxTokens: 50 },
  {
    messages: [
      { role: 'system', content: 'You write circuits.' },
      { role: 'user', content: 'range check' },
      { role: 'assistant', content: 'sketch v1' },
      { role: 'user', content: 'it failed vector 2' },
    ],
  },
];

async function record(file: string) {
  const real = scriptedModel({
    id: 'openai:gpt-test',
    script: [
      { text: 'sketch v1', usage: { inputTokens: 9, outputTokens: 3 }, durationMs: 1_200 },
      { text: 'sketch v2', usage: { inputTokens: 20, outputTokens: 4 }, finishReason: 'length', durationMs: 900 },
    ],
  });
  const recorder = recordingModel(real, { file });
  const responses = [];
  for (const request of conversation) responses.push(await recorder.generate(request));
  return responses;
}

describe('cassettes: record and replay', () => {
  it('writes a cassette that replays the same responses', async () => {
    const file = join(folder, 'run.cassette.json');
    const recorded = await record(file);
    const cassette = JSON.parse(await readFile(file, 'utf8'));
    expect(cassette).toMatchObject({ version: 1, provider: 'openai', model: 'gpt-test' });
    expect(cassette.exchanges).toHaveLength(2);
    expect(cassette.exchanges[0].request.hash).toBe(hashMessages(conversation[0].messages));
    expect(cassette.exchanges[0].request.maxTokens).toBe(50);

    const replay = await loadReplayModel(file);
    expect(replay.id).toBe('replay:openai:gpt-test');
    const replayed = [];
    for (const request of conversation) replayed.push(await replay.generate(request));
    const strip = ({ raw: _raw, ...rest }: { raw?: unknown }) => rest;
    expect(replayed.map(strip)).toEqual(recorded.map(strip));
    expect(replay.remaining).toBe(0);
  });

  it('fails clearly when a request differs from the recording', async () => {
    const file = join(folder, 'run.cassette.json');
    await record(file);
    const replay = await loadReplayModel(file);
    await replay.generate(conversation[0]);
    const changed: ModelRequest = {
      messages: conversation[1].messages.map((message, index) =>
        index === 3 ? { ...message, content: 'it failed vector 3' } : message,
      ),
    };
    const failure = await replay.generate(changed).catch((error) => error);
    expect(failure).toBeInstanceOf(ModelError);
    expect(failure.kind).toBe('bad-request');
    expect(failure.message).toContain(`replay ${file}: request 2 does not match the recording: message 4 (user) differs at character 18`);
  });

  it('fails clearly when the cassette runs out', async () => {
    const replay = replayModel({ version: 1, provider: 'p', model: 'm', exchanges: [] }, { source: 'empty.json' });
    await expect(replay.generate(conversation[0])).rejects.toThrow(
      'replay empty.json: request 1 has no recording (the cassette holds 0); record it again',
    );
  });

  it('names the file and the field of an invalid cassette', async () => {
    const file = join(folder, 'broken.json');
    await writeFile(file, JSON.stringify({ version: 1, provider: 'p', model: 'm', exchanges: [{ request: { hash: 'h', messages: [] } }] }));
    const failure = await readCassette(file).catch((error) => error);
    expect(failure).toBeInstanceOf(CassetteError);
    expect(failure.message).toMatch(new RegExp(`^cassette ${file}: exchanges\\.0\\.response: `));
    await expect(readCassette(join(folder, 'missing.json'))).rejects.toThrow(/cannot read \(ENOENT\)/);
  });

  it('records nothing for a failed exchange', async () => {
    const written: number[] = [];
    const failing = scriptedModel([new ModelError({ kind: 'server', message: 'down' })]);
    const recorder = recordingModel(failing, { file: 'unused', write: async (_file, cassette) => void written.push(cassette.exchanges.length) });
    await expect(recorder.generate(conversation[0])).rejects.toThrow('down');
    expect(written).toEqual([]);
    expect(recorder.cassette().exchanges).toEqual([]);
  });
});
