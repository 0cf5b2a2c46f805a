// Loads .env.offline (written by scripts/offline-setup.sh on machines with no registry) into
// process.env without overriding variables already set. Absent on machines with internet.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function loadOfflineEnv() {
  const file = fileURLToPath(new URL('../.env.offline', import.meta.url));
  if (existsSync(file)) process.loadEnvFile(file);
}
