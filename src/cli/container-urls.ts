import { MONGODB_PORT } from '../containers/mongodb/mongodb-container.js';
import { POSTGRES_PORT } from '../containers/postgres/postgres-container.js';
import { QDRANT_HTTP_PORT } from '../containers/qdrant/qdrant-container.js';
import { REDIS_PORT } from '../containers/redis/redis-container.js';
import type { StoreName } from 'database-config/internal';

/** What a container's connection URL is built from: the host and mapped port, its environment and command. */
export interface UrlParts {
  host: string;
  port: number;
  env: Record<string, string>;
  command: string[];
}

/** How to reach one store's container from the host. */
interface StoreUrl {
  /** The store's port inside the container. */
  port: number;
  /** The URL with the credentials the container was started with (the same as the stack's `url()`). */
  url(parts: UrlParts): string;
}

/** The value of `--flag` in a server command: `--flag value` as two arguments or as one. */
function commandValue(command: string[], flag: string): string | undefined {
  for (const [i, arg] of command.entries()) {
    if (arg === flag) return command[i + 1];
    if (arg.startsWith(`${flag} `)) return arg.slice(flag.length + 1).trim();
  }
  return undefined;
}

/**
 * Per store, the URL its container module gives (src/containers/store-containers.ts `url()`), rebuilt
 * from what Docker reports: the testcontainers modules put the credentials in the environment
 * (PostgreSQL, MongoDB) or the server command (Redis's `--requirepass`).
 */
export const STORE_URLS: Record<StoreName, StoreUrl> = {
  postgres: {
    port: POSTGRES_PORT,
    url: ({ host, port, env }) => {
      const url = new URL('', 'postgres://');
      url.hostname = host;
      url.port = String(port);
      url.pathname = env.POSTGRES_DB ?? 'test';
      url.username = env.POSTGRES_USER ?? 'test';
      url.password = env.POSTGRES_PASSWORD ?? 'test';
      return url.toString();
    },
  },
  mongodb: {
    port: MONGODB_PORT,
    url: ({ host, port, env }) => {
      const user = env.MONGO_INITDB_ROOT_USERNAME;
      const password = env.MONGO_INITDB_ROOT_PASSWORD;
      return user && password
        ? `mongodb://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/?authSource=admin&directConnection=true`
        : `mongodb://${host}:${port}/?directConnection=true`;
    },
  },
  redis: {
    port: REDIS_PORT,
    url: ({ host, port, command }) => {
      const url = new URL('', 'redis://');
      url.hostname = host;
      url.port = String(port);
      url.password = commandValue(command, '--requirepass') ?? '';
      return url.toString();
    },
  },
  qdrant: {
    port: QDRANT_HTTP_PORT,
    url: ({ host, port }) => `http://${host}:${port}`,
  },
};
