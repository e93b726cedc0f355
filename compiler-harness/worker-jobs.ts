import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './timed-worker.js';

type Handler = (args: any) => unknown;

/** Inside a worker module: answer `TimedWorker.run` requests with the named handlers. */
export function serveJobs(handlers: Record<string, Handler>): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs must be called inside a worker thread');
  port.on('message', async (message: { id: number; job: string; args: unknown }) => {
    let reply: WorkerReply;
    try {
      const handler = handlers[message.job];
      if (!handler) throw new Error(`unknown worker job "${message.job}"`);
      reply = { id: message.id, ok: true, value: await handler(message.args) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = { id: message.id, ok: false, error: e.message, stack: e.stack };
    }
    port.postMessage(reply);
  });
}
