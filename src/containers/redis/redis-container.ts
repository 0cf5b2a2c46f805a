import { RedisContainer } from '@testcontainers/redis';
import { resolveImage } from '../images.js';

/** A Redis container (official testcontainers module) with persistence off: test data is throwaway. */
export function redisContainer(image: string = resolveImage('redis')): RedisContainer {
  return new RedisContainer(image).withCommand(['redis-server', '--save', '', '--appendonly', 'no']);
}
