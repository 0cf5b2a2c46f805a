import type { Redis } from 'ioredis';
import type { StoreConnector } from '../connector.js';
import { maskUrl } from '../mask.js';
import { createRedisClient } from './redis-client.js';
import { redisDatabaseIndex, type RedisConfig } from './redis-config.js';

export const redisConnector: StoreConnector<RedisConfig, Redis> = {
  store: 'redis',
  target: (config) => `${maskUrl(config.url)} (db ${redisDatabaseIndex(config)})`,
  // ioredis is ready only after its INFO round trip, so a connected client has answered once.
  connect: (config) => createRedisClient(config),
  ping: async (client) => {
    await client.ping();
  },
  close: async (client) => {
    await client.quit().catch(() => client.disconnect());
  },
  hint: 'Check that Redis is running and reachable, and that REDIS_URL (password, database) is right.',
};
