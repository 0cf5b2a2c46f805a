// Runs `prisma generate`. On machines where the Prisma CLI cannot download its schema engine
// (no internet), it points PRISMA_SCHEMA_ENGINE_BINARY at a stub: generation never runs the
// schema engine, it only checks that the file exists. Elsewhere the real engine is used.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOfflineEnv } from './offline-env.mjs';

loadOfflineEnv();
const env = { ...process.env };

/**
 * A boolean variable read as src/config/env-flags.ts reads them (this script runs before any
 * build): true/1 or false/0, any case; unset or empty is false; anything else stops the script.
 */
function flag(name) {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  process.stderr.write(
    `Invalid database configuration, 1 problem:\n  - options ${name}: "${env[name]}" is not a boolean; ` +
      `use true or false (1 and 0 work too) (example: ${name}=true)\n`,
  );
  process.exit(1);
}

if (flag('DBC_PRISMA_ENGINE_STUB') && !env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stub = join('node_modules', '.cache', 'database-config', 'schema-engine-stub');
  mkdirSync(join('node_modules', '.cache', 'database-config'), { recursive: true });
  if (!existsSync(stub)) {
    writeFileSync(stub, '#!/bin/sh\necho "schema engine unavailable on this machine" >&2\nexit 1\n', {
      mode: 0o755,
    });
  }
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
const result = spawnSync('npx', ['prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
