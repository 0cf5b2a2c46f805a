// The fixture config the Jest preset (`preset: 'database-config-testing/jest'` in jest.config.mjs) reads.
import { readFileSync } from 'node:fs';
import { defineDatabaseFixtures } from 'database-config-testing/jest';

const collections = JSON.parse(
  readFileSync(new URL('./examples/catalog/collections.json', import.meta.url), 'utf8'),
);

export default defineDatabaseFixtures({
  postgres: { migrations: './prisma/migrations' },
  mongodb: { migrations: './mongo-migrations' },
  redis: {},
  qdrant: { collections },
  isolation: { leakCheck: true },
});
