import {
  BaseChatModel,
  type BaseChatModelCallOptions,
} from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { describe, expect, it } from 'vitest';
import { fromLangChain } from './providers/langchain.js';
import { ModelError } from './types.js';

/** A LangChain chat model that records what it was given and answers from a script. */
class RecordingChatModel extends BaseChatModel {
  readonly received: { messages: BaseMessage[]; stop?: string[]; signal?: AbortSignal }[] = [];
  model = 'recording-chat';

  constructor(private readonly reply: (messages: BaseMessage[]) => AIMessage) {
    super({});
  }

  _llmType(): string {
    return 'recording';
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const callOptions = options as BaseChatModelCallOptions;
    this.received.push({ messages, stop: callOptions.stop, signal: callOptions.signal });
    const message = this.reply(messages);
    return { generations: [{ text: message.text, message }] };
  }
}

describe('LangChain adapter', () => {
  it('maps roles to LangChain messages and passes stop and the abort signal', async () => {
    const chatModel = new RecordingChatModel(() => new AIMessage('answer'));
    const model = fromLangChain({ chatModel });
    await model.generate({
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'question' },
        { role: 'assistant', content: 'draft' },
        { role: 'user', content: 'again' },
      ],
      stop: ['STOP'],
    });
    const [call] = chatModel.received;
    expect(call.messages.map((message) => [message.getType(), message.content])).toEqual([
      ['system', 'sys'],
      ['human', 'question'],
      ['ai', 'draft'],
      ['human', 'again'],
    ]);
    expect(call.stop).toEqual(['STOP']);
    expect(call.signal).toBeInstanceOf(AbortSignal);
    expect(model.id).toBe('langchain:recording-chat');
  });

  it('reads text, usage_metadata and finish reason', async () => {
    const chatModel = new RecordingChatModel(
      () =>
        new AIMessage({
          content: [
            { type: 'text', text: 'multi ' },
            { type: 'text', text: 'part' },
          ],
          usage_metadata: { input_tokens: 40, output_tokens: 2, total_tokens: 42 },
          response_metadata: { stop_reason: 'max_tokens' },
        }),
    );
    const response = await fromLangChain({ chatModel, name: 'claude-via-langchain' }).generate({
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(response.text).toBe('multi part');
    expect(response.usage).toEqual({ inputTokens: 40, outputTokens: 2 });
    expect(response.finishReason).toBe('length');
  });

  it('estimates usage when the chat model reports none', async () => {
    const chatModel = new RecordingChatModel(() => new AIMessage('abcd'));
    const response = await fromLangChain({ chatModel }).generate({
      messages: [{ role: 'user', content: 'abcdefgh' }],
    });
    expect(response.usage).toEqual({ inputTokens: 2, outputTokens: 1, estimated: true });
  });

  it('cancels with an aborted error when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const chatModel = new RecordingChatModel(() => new AIMessage('never'));
    const failure = await fromLangChain({ chatModel })
      .generate({ messages: [{ role: 'user', content: 'x' }], signal: controller.signal })
      .catch((error) => error);
    expect(failure).toBeInstanceOf(ModelError);
    expect(failure.kind).toBe('aborted');
    expect(chatModel.received).toHaveLength(0);
  });
});
