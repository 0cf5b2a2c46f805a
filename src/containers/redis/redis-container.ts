import { RedisContainer } from '@testcontainers/redis';
import { applyContainerOptions, type ContainerOptions } from '../container-options.js';
import { resolveImage } from '../images.js';

/** The server's port in the container. */
export const REDIS_PORT = 6379;

/** Options of {@link redisContainer}. */
export interface RedisContainerOptions extends ContainerOptions {
  /** Logical databases (one per test worker). @default 64 */
  databases?: number;
}

/** A Redis container (official testcontainers module), persistence off: test data is throwaway. */
export function redisContainer(options: RedisContainerOptions = {}): RedisContainer {
  const container = new RedisContainer(options.image ?? resolveImage('redis')).withCommand(
    options.command ?? [
      'redis-server',
      '--save',
      '',
      '--appendonly',
      'no',
      '--databases',
      String(options.databases ?? 64),
    ],
  );
  return applyContainerOptions(container, options, REDIS_PORT);
}
