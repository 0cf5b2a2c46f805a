// The isolation suite in external-services mode, as a CI job with `services:` runs it: four plain
// servers are started first (no migrations, no fixtures), then Vitest gets their URLs through
// DBC_<STORE>_URL only. The plugin then creates its own databases, collections and key prefixes on
// servers it did not start, and must leave everything else on them alone.
import { spawn } from 'node:child_process';
import { loadOfflineEnv } from '../../scripts/offline-env.mjs';
import { startDatabaseStack } from '../../src/containers/stack.js';
import { defineDatabaseFixtures } from '../../src/setup/fixture-config.js';

loadOfflineEnv();
await using servers = await startDatabaseStack(
  defineDatabaseFixtures({ postgres: {}, mongodb: {}, redis: {}, qdrant: {} }),
);
const { postgres, mongodb, redis, qdrant } = servers.info;
const env = {
  ...process.env,
  DBC_POSTGRES_URL: postgres!.url,
  DBC_MONGODB_URL: mongodb!.url,
  DBC_REDIS_URL: redis!.url,
  DBC_QDRANT_URL: qdrant!.url,
};
// Extra arguments go to Vitest (npm run coverage passes its --coverage.* options this way).
const args = ['node_modules/vitest/vitest.mjs', 'run', '--project', 'isolation', ...process.argv.slice(2)];
const vitest = spawn(process.execPath, args, { env, stdio: 'inherit' });
const code = await new Promise<number>((done) => vitest.once('close', (exit) => done(exit ?? 1)));
process.exitCode = code;
