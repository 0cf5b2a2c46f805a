import { inject } from 'vitest';
import { loadDatabaseConfig, type LoadDatabaseConfigOptions } from 'database-config';

/** The environment a service would have, pointing at the test stack. */
export function stackEnv(): Record<string, string> {
  const stack = inject('stack');
  return {
    DATABASE_URL: stack.postgresUrl,
    MONGODB_URI: stack.mongodbUri,
    REDIS_URL: stack.redisUrl,
    QDRANT_URL: stack.qdrantUrl,
  };
}

/** A validated config for the test stack, with overrides. */
export function stackConfig(options: LoadDatabaseConfigOptions = {}) {
  return loadDatabaseConfig(stackEnv(), options);
}

/** A URL of the same scheme pointing at a port nothing listens on. */
export function unreachable(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = '1';
  return parsed.toString();
}

/** Open TCP sockets of this process (to prove a failure closed what it opened). */
export function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}
