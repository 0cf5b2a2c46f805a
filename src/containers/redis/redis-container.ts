import { RedisContainer } from '@testcontainers/redis';
import { applyContainerOptions, type ContainerOptions, type ContainerUrl } from '../container-options.js';
import { resolveImage } from '../images.js';
import { CONTAINER_PORTS } from '../container-ports.js';

/** The server's port in the container. */
export const REDIS_PORT = CONTAINER_PORTS.redis;

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

/** The value of `--flag` in a server command: `--flag value` as two arguments or as one. */
function commandValue(command: string[], flag: string): string | undefined {
  for (const [i, arg] of command.entries()) {
    if (arg === flag) return command[i + 1];
    if (arg.startsWith(`${flag} `)) return arg.slice(flag.length + 1).trim();
  }
  return undefined;
}

/** A Redis container's URL: the password is the server command's `--requirepass`. */
export const redisContainerUrl: ContainerUrl = {
  port: REDIS_PORT,
  url: ({ host, port, command }) => {
    const url = new URL('', 'redis://');
    url.hostname = host;
    url.port = String(port);
    url.password = commandValue(command, '--requirepass') ?? '';
    return url.toString();
  },
};
