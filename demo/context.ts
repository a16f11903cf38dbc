/** What the request handlers share: the settings, the job store and the query engine. */
import type { DemoOptions } from './config.ts';
import type { EnginePool } from './engine/pool.ts';
import type { SyncGate } from './sync-gate.ts';
import type { JobStore } from './uws.ts';

export interface ServiceContext {
  o: DemoOptions;
  jobs: JobStore;
  pool: EnginePool;
  syncGate: SyncGate;
  /** Directory for result files. */
  resultDir: string;
}
