import { describe, expect, it } from 'vitest';
import { scriptedModel, ScriptExhaustedError } from './providers/scripted.js';
import { ModelError, type ModelMessage } from './types.js';

describe('scripted model', () => {
  it('answers in order and records every call', async () => {
    const model = scriptedModel(['first', { text: 'second', finishReason: 'length', usage: { inputTokens: 1, outputTokens: 2 } }]);
    const messages: ModelMessage[] = [{ role: 'user', content: 'one' }];
    const first = await model.generate({ messages, maxTokens: 10, responseFormat: 'json' });
    // The loop appends to its history; the recorded call must keep what was sent at the time.
    messages.push({ role: 'assistant', content: first.text }, { role: 'user', content: 'two' });
    const second = await model.generate({ messages, temperature: 0 });
    expect([first.text, second.text]).toEqual(['first', 'second']);
    expect(second.finishReason).toBe('length');
    expect(second.usage).toEqual({ inputTokens: 1, outputTokens: 2 });
    expect(first.usage.estimated).toBe(true);
    expect(model.calls).toEqual([
      { messages: [{ role: 'user', content: 'one' }], maxTokens: 10, responseFormat: 'json' },
      {
        messages: [
          { role: 'user', content: 'one' },
          { role: 'assistant', content: 'first' },
          { role: 'user', content: 'two' },
        ],
        temperature: 0,
      },
    ]);
  });

  it('answers from a function of the request', async () => {
    const model = scriptedModel({
      id: 'scripted:echo',
      script: (request, index) => `${index}:${request.messages.at(-1)?.content}`,
    });
    expect(model.id).toBe('scripted:echo');
    expect((await model.generate({ messages: [{ role: 'user', content: 'hi' }] })).text).toBe('0:hi');
    expect((await model.generate({ messages: [{ role: 'user', content: 'yo' }] })).text).toBe('1:yo');
  });

  it('throws scripted model errors, so tests can play failures', async () => {
    const failure = new ModelError({ kind: 'rate-limit', message: 'scripted limit' });
    const model = scriptedModel([failure]);
    await expect(model.generate({ messages: [] })).rejects.toBe(failure);
    expect(model.calls).toHaveLength(1);
  });

  it('says clearly when the script runs out', async () => {
    const model = scriptedModel(['only']);
    await model.generate({ messages: [] });
    const failure = await model.generate({ messages: [] }).catch((error) => error);
    expect(failure).toBeInstanceOf(ScriptExhaustedError);
    expect(failure.message).toBe('scripted model: no answer left for call 2 (the script has 1)');
  });
});
