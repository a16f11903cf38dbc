/** What the request handlers share: the settings, the job store and the query engine. */
import type { DemoOptions } from './config.ts';
import type { EnginePool } from './engine/pool.ts';
import type { JobStore } from './uws.ts';

export interface ServiceContext {
  o: DemoOptions;
  jobs: JobStore;
  pool: EnginePool;
  /** Directory for result files. */
  resultDir: string;
}
