import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where zkcoder caches dev setup material and user data: `$ZKCODER_HOME` or `~/.cache/zkcoder`. */
export function zkcoderHome(override?: string): string {
  return override ?? process.env.ZKCODER_HOME ?? join(homedir(), '.cache', 'zkcoder');
}
