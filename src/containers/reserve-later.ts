// The global setup's half of starting a store on demand (on-demand-start.ts is the workers'): a
// host port reserved for each store left for later, and the URL the store will have there.
import { createServer } from 'node:net';
import type { ContainerRuntimeClient } from 'testcontainers';
import { SetupError, type StoreName } from 'database-config/internal';
import type { StackConfig } from './stack-config.js';
import { STORE_CONTAINERS } from './store-containers.js';

/** Host ports reserved for stores started later are drawn below the kernel's and Docker's ephemeral ranges. */
const PORT_RANGE = { from: 20_000, to: 32_000 };

/**
 * A host port for each store in `later` (its `fixtures.<store>.port` when set) and the URL the
 * store will have there; the config handed to the workers carries the ports.
 */
export async function reserveLater(
  runtime: ContainerRuntimeClient,
  config: StackConfig,
  later: readonly StoreName[],
): Promise<{ urls: Partial<Record<StoreName, string>>; config: StackConfig }> {
  const host = runtime.info.containerRuntime.host;
  const withPorts: StackConfig = { ...config, root: config.root ?? process.cwd() };
  const urls: Partial<Record<StoreName, string>> = {};
  for (const store of later) {
    const port = config[store]?.port ?? (await freePort());
    (withPorts as Record<StoreName, unknown>)[store] = { ...config[store], port };
    urls[store] = STORE_CONTAINERS[store].urlAt(host, port);
  }
  return { urls, config: withPorts };
}

async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '0.0.0.0', () => server.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new SetupError({ reason: 'no-free-port', from: PORT_RANGE.from, to: PORT_RANGE.to });
}
