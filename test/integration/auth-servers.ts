import type { StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll } from 'vitest';
import { qdrantContainer, QDRANT_HTTP_PORT } from '../../src/containers/qdrant/qdrant-container.js';
import { redisContainer } from '../../src/containers/redis/redis-container.js';

/** The passwords of the servers {@link useAuthServers} starts. */
export const REDIS_PASSWORD = 'redis-s3cret';
export const QDRANT_API_KEY = 'qdrant-s3cret';

/**
 * A Redis and a Qdrant that require credentials, started for the calling test file (the stack's
 * own run without them) and stopped after it; the URLs are read once they run.
 */
export function useAuthServers(): { redisUrl(auth: string): string; qdrantUrl(): string } {
  let redis: StartedTestContainer;
  let qdrant: StartedTestContainer;
  beforeAll(async () => {
    [redis, qdrant] = await Promise.all([
      redisContainer({ command: ['redis-server', '--save', '', '--requirepass', REDIS_PASSWORD] }).start(),
      qdrantContainer({ env: { QDRANT__SERVICE__API_KEY: QDRANT_API_KEY } }).start(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([redis?.stop(), qdrant?.stop()]);
  });
  return {
    /** `auth` is the URL's userinfo part, e.g. `:password@` or ''. */
    redisUrl: (auth) => `redis://${auth}${redis.getHost()}:${redis.getMappedPort(6379)}/0`,
    qdrantUrl: () => `http://${qdrant.getHost()}:${qdrant.getMappedPort(QDRANT_HTTP_PORT)}`,
  };
}
