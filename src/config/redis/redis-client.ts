import type { Redis, RedisOptions } from 'ioredis';
import { importPeer } from '../peer.js';
import { currentTestOverrides } from '../test-overrides.js';
import { redisDatabaseIndex, type RedisConfig } from './redis-config.js';

/** The ioredis options a config stands for (database, key prefix, TLS, timeouts, retries). */
export function redisOptions(config: RedisConfig): RedisOptions {
  const tls = config.tls || config.url.startsWith('rediss:');
  return {
    db: redisDatabaseIndex(config),
    keyPrefix: config.keyPrefix || undefined,
    connectTimeout: config.connectTimeoutMs,
    maxRetriesPerRequest: config.maxRetriesPerRequest,
    ...(tls ? { tls: {} } : {}),
    lazyConnect: true,
  };
}

/**
 * An ioredis client, connected. Rejects when the first connection fails (the client is
 * disconnected then, so it does not keep reconnecting in the background).
 */
export async function createRedisClient(config: RedisConfig): Promise<Redis> {
  const { Redis } = await importPeer('redis', 'ioredis', () => import('ioredis'));
  await currentTestOverrides()?.ready?.('redis');
  const client = new Redis(config.url, redisOptions(config));
  // Errors surface through connect() and commands; without a listener ioredis also prints them.
  // The server's reply is kept: when AUTH fails, connect() only says "Connection is closed."
  let serverReply: Error | undefined;
  client.on('error', (error: Error) => {
    if (error.name === 'ReplyError') serverReply ??= error;
  });
  try {
    await client.connect();
    const onClient = currentTestOverrides()?.onClient;
    return onClient ? onClient('redis', client) : client;
  } catch (error) {
    client.disconnect();
    throw serverReply ?? error;
  }
}
