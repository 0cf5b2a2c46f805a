import type { StoreName } from 'database-config/internal';
import { STORE_IMAGES } from './images.js';
import { mongodbStack } from './mongodb/mongodb-stack.js';
import { postgresStack } from './postgres/postgres-stack.js';
import { qdrantStack } from './qdrant/qdrant-stack.js';
import { redisStack } from './redis/redis-stack.js';
import type { StoreStack } from './store-stack.js';

/** Every store's part of the stack (container, stack info, template build); the stack loops over it. */
export const STORE_CONTAINERS: { [S in StoreName]: StoreStack<S> } = {
  postgres: postgresStack,
  mongodb: mongodbStack,
  redis: redisStack,
  qdrant: qdrantStack,
};

/** What to do when a store's container fails to start, from the error's words. */
export function startFailureHint(
  store: StoreName,
  image: string,
  error: unknown,
  imagePresent: boolean,
  port?: number,
  hasLogs = false,
): string {
  const text = String((error as Error)?.message ?? error);
  const variable = STORE_IMAGES[store].env;
  if (/registry|pull|manifest|no such image|not found|repository does not exist/i.test(text)) {
    if (imagePresent && process.env.TESTCONTAINERS_RYUK_DISABLED !== 'true') {
      return (
        `The image ${image} is present, so the failed pull is testcontainers' reaper (Ryuk). ` +
        'Where its image cannot be pulled, set TESTCONTAINERS_RYUK_DISABLED=true (database-config then removes ' +
        'containers of dead runs itself), or set RYUK_CONTAINER_IMAGE to a reaper image you have.'
      );
    }
    return `The image ${image} is not available locally and cannot be pulled: pull or build it, or set ${variable} to an image you have.`;
  }
  if (/port is already allocated|address already in use/i.test(text)) {
    return port
      ? `Host port ${port} (fixtures.${store}.port) is taken by another process or container: free it, or choose another port (without one, a random free port is used).`
      : 'A host port is already taken: stop the other container, and run again.';
  }
  if (/Conflict/i.test(text)) {
    return 'A container of the same name exists: remove it (docker rm -f <name>), and run again.';
  }
  if (/ECONNREFUSED|socket hang up|EPIPE|ECONNRESET|connect ENOENT/i.test(text)) {
    return 'The Docker engine stopped answering during start: check `docker info`, then run again.';
  }
  if (hasLogs || /is not running|exited|unhealthy/i.test(text)) {
    return (
      `The server in the container failed during start: fix what its last log lines (below) point at, in ` +
      `fixtures.${store}.command (a replaced server command), fixtures.${store}.env or the image (${variable}), and run again.`
    );
  }
  return `Check the container logs (docker logs) and the ${variable} image.`;
}
