import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  type BaseMessage,
} from '@langchain/core/messages';
import { errorFromSdk } from '../http-errors.js';
import { badResponse, createProviderModel, type ResilienceOptions } from '../provider-model.js';
import {
  estimateUsage,
  type FinishReason,
  type LanguageModel,
  type ModelEndpoint,
  type ModelMessage,
  type ProviderResult,
} from '../types.js';

/**
 * Lets any LangChain.js chat model (ChatOpenAI, ChatAnthropic, ChatOllama, ChatBedrock…) drive the
 * agent from the programmatic API. Token limit, temperature and JSON mode are not portable across
 * LangChain call options, so they are set on the LangChain model itself; `stop` and cancellation are.
 */
export interface LangChainOptions extends ResilienceOptions {
  chatModel: BaseChatModel;
  /** Names the model in its id; defaults to the LangChain model's `model` field or its type. */
  name?: string;
}

export function fromLangChain(options: LangChainOptions): LanguageModel {
  const { chatModel } = options;
  const name = options.name ?? modelName(chatModel);
  const endpoint: ModelEndpoint = { provider: 'langchain', model: name };
  return createProviderModel({
    ...options,
    // LangChain models retry on their own (maxRetries on the model); two loops would multiply waits.
    retry: { ...options.retry, policy: { maxRetries: 0, ...options.retry?.policy } },
    id: `langchain:${name}`,
    endpoint,
    // Wrapped OpenAI/Anthropic SDK errors keep their meaning; anything else surfaces as it is.
    classify: (error) => errorFromSdk(error, endpoint),
    async call(request, signal) {
      const reply = await chatModel.invoke(toLangChainMessages(request.messages), {
        signal,
        ...(request.stop?.length ? { stop: request.stop } : {}),
      });
      return fromLangChainReply(reply, { endpoint, messages: request.messages });
    },
  });
}

function modelName(chatModel: BaseChatModel): string {
  const fields = chatModel as unknown as { model?: unknown; modelName?: unknown };
  const named = fields.model ?? fields.modelName;
  return typeof named === 'string' && named ? named : chatModel._llmType();
}

export function toLangChainMessages(messages: ModelMessage[]): BaseMessage[] {
  return messages.map((message) => {
    switch (message.role) {
      case 'system':
        return new SystemMessage(message.content);
      case 'user':
        return new HumanMessage(message.content);
      case 'assistant':
        return new AIMessage(message.content);
      default:
        return message.role satisfies never;
    }
  });
}

export function fromLangChainReply(
  reply: BaseMessage,
  context: { endpoint: ModelEndpoint; messages: ModelMessage[] },
): ProviderResult {
  if (!reply || typeof reply.text !== 'string') {
    throw badResponse(context.endpoint, 'the chat model returned no message', reply);
  }
  // `.text` joins the text blocks of multi-part content (Anthropic-style replies).
  const text = reply.text;
  const usage = (reply as AIMessage).usage_metadata;
  return {
    text,
    usage: usage
      ? { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens }
      : estimateUsage(context.messages, text),
    finishReason: finishReason(reply.response_metadata),
    raw: reply,
  };
}

/** OpenAI-backed models report `finish_reason`, Anthropic-backed ones `stop_reason`. */
function finishReason(metadata: Record<string, unknown> | undefined): FinishReason {
  const reason = metadata?.finish_reason ?? metadata?.stop_reason;
  const stopped = [undefined, 'stop', 'end_turn', 'stop_sequence'];
  if (stopped.includes(reason as string | undefined)) return 'stop';
  if (reason === 'length' || reason === 'max_tokens') return 'length';
  if (reason === 'content_filter' || reason === 'refusal') return 'content-filter';
  return 'other';
}
