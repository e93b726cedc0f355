import { resolve } from 'node:path';

/** The run's cache of dev setup material (ptau, CRS, keys), shared by every test file of a run. */
export const testHome = (): string => process.env.ZKCODER_HOME ?? resolve('.zkcoder/test-home');
