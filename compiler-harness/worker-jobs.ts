import { parentPort } from 'node:worker_threads';
import type { WorkerReply } from './timed-worker.js';

type Handler = (args: any) => unknown;

/** Inside a worker module (thread or child process): answer `TimedWorker.run` requests with the named handlers. */
export function serveJobs(handlers: Record<string, Handler>): void {
  const port = parentPort ?? processPort();
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

/** The IPC channel of a child process started by `TimedWorker`, shaped like a thread's port. */
function processPort() {
  const send = process.send?.bind(process);
  if (!send) throw new Error('serveJobs must run inside a worker thread or a child process with an IPC channel');
  // The parent is gone (it exited or killed the channel): nothing will ask for work again.
  process.on('disconnect', () => process.exit(0));
  return {
    on: (event: 'message', listener: (message: any) => void) => process.on(event, listener),
    postMessage: (reply: WorkerReply) => send(reply),
  };
}
