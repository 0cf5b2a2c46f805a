import type { StoreName } from '../../stores.js';
import { mongodbProbe } from './mongodb-probe.js';
import { postgresProbe } from './postgres-probe.js';
import { qdrantProbe } from './qdrant-probe.js';
import { redisProbe } from './redis-probe.js';
import type { StoreProbe } from './store-probe.js';

/** The probe of each store, as the monitor loops over them. */
export const PROBES = {
  postgres: postgresProbe,
  mongodb: mongodbProbe,
  redis: redisProbe,
  qdrant: qdrantProbe,
} as { [S in StoreName]: StoreProbe<unknown> };

export type { PoolCounts, ProbeHandle, ProbeSink, StoreProbe } from './store-probe.js';
