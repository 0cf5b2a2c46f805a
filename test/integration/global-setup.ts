import type { TestProject } from 'vitest/node';
import { startDatabaseStack } from '../../src/containers/stack.js';
import { defineDatabaseFixtures } from '../../src/setup/fixture-config.js';

/** Connection details of the stack the integration tests run against. */
export interface TestStack {
  postgresUrl: string;
  mongodbUri: string;
  redisUrl: string;
  qdrantUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: TestStack;
  }
}

// The integration tests exercise the config modules against plain servers: the four stores,
// started once through the library's own stack (no migrations, no fixtures).
export default async function setup(project: TestProject) {
  const stack = await startDatabaseStack(
    defineDatabaseFixtures({ postgres: {}, mongodb: {}, redis: {}, qdrant: {} }),
  );
  const { postgres, mongodb, redis, qdrant } = stack.info;
  project.provide('stack', {
    postgresUrl: postgres!.url,
    mongodbUri: mongodb!.url,
    redisUrl: redis!.url,
    qdrantUrl: qdrant!.url,
  });
  return () => stack.stop();
}
