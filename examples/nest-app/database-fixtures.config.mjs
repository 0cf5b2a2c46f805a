// The stores the Jest preset starts for the e2e suite (test/jest-e2e.json, whose rootDir is
// test/: the preset finds this file in the folder above). Paths are relative to this folder.
import { readFileSync } from 'node:fs';
import { defineDatabaseFixtures } from 'database-config-testing/jest';

export default defineDatabaseFixtures({
  postgres: { migrations: '../../prisma/migrations' },
  mongodb: { migrations: '../../mongo-migrations' },
  redis: {},
  qdrant: {
    collections: JSON.parse(readFileSync(new URL('../catalog/collections.json', import.meta.url), 'utf8')),
  },
});
