import type { Redis, RedisOptions } from 'ioredis';
import { importPeer } from '../peer.js';
import { currentTestOverrides } from '../test-overrides.js';
import { redisDatabaseIndex, type RedisConfig } from './redis-config.js';

/** The ioredis options a config stands for (database, key prefix, TLS, timeouts, retries, offline queue). */
export function redisOptions(config: RedisConfig): RedisOptions {
  const tls = config.tls || config.url.startsWith('rediss:');
  return {
    db: redisDatabaseIndex(config),
    keyPrefix: config.keyPrefix || undefined,
    connectTimeout: config.connectTimeoutMs,
    maxRetriesPerRequest: config.maxRetriesPerRequest,
    ...(config.commandTimeoutMs > 0 ? { commandTimeout: config.commandTimeoutMs } : {}),
    enableOfflineQueue: config.offlineQueue,
    ...(tls ? { tls: {} } : {}),
    lazyConnect: true,
  };
}

/**
 * An ioredis client, connected. Rejects when the first connection fails (the client is
 * disconnected then, so it does not keep reconnecting in the background). Under the test
 * fixtures, the client is seen by the running test's worker (its writes are reset).
 */
export async function createRedisClient(config: RedisConfig): Promise<Redis> {
  await currentTestOverrides()?.ready?.('redis');
  const client = await connectRedis(config);
  const onClient = currentTestOverrides()?.onClient;
  return onClient ? onClient('redis', client) : client;
}

/** @internal {@link createRedisClient} without the test fixtures' hooks (the fixtures' own clients). */
export async function connectRedis(config: RedisConfig): Promise<Redis> {
  const { Redis } = await importPeer('redis', 'ioredis', () => import('ioredis'));
  const client = new Redis(config.url, redisOptions(config));
  // Errors surface through connect() and commands; without a listener ioredis also prints them.
  // The server's reply is kept: when AUTH fails, connect() only says "Connection is closed."
  let serverReply: Error | undefined;
  client.on('error', (error: Error) => {
    if (error.name === 'ReplyError') serverReply ??= error;
  });
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.disconnect();
    throw serverReply ?? error;
  }
}
