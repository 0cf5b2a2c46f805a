import type { StartedRedisContainer } from '@testcontainers/redis';
import { resolveImage } from '../images.js';
import type { StoreStack } from '../store-stack.js';

/** Redis in the stack: a container without persistence, one logical database per worker. */
export const redisStack: StoreStack<'redis'> = {
  image: (config) => config.image ?? resolveImage('redis'),
  build: async (config, options) =>
    (await import('./redis-container.js')).redisContainer({ ...options, ...config }),
  url: (started) => (started as StartedRedisContainer).getConnectionUrl(),
  urlAt: (host, port) =>
    Object.assign(new URL('', 'redis://'), { hostname: host, port: String(port) }).toString(),
  info: (config, url, external) => ({
    url,
    databases: config.databases,
    external,
    namespace: config.namespace ?? (external ? 'prefix' : 'database'),
  }),
};
