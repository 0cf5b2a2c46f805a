import type { TestProject } from 'vitest/node';
import type { StartedTestContainer } from 'testcontainers';
import { mongodbContainer, MONGODB_PORT } from '../../src/containers/mongodb/mongodb-container.js';
import { postgresContainer } from '../../src/containers/postgres/postgres-container.js';
import { qdrantContainer, QDRANT_HTTP_PORT } from '../../src/containers/qdrant/qdrant-container.js';
import { redisContainer } from '../../src/containers/redis/redis-container.js';

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

const hostPort = (c: StartedTestContainer, port: number) => `${c.getHost()}:${c.getMappedPort(port)}`;

// Starts the four stores once for the integration project, in parallel.
export default async function setup(project: TestProject) {
  const [postgres, redis, mongodb, qdrant] = await Promise.all([
    postgresContainer().start(),
    redisContainer().start(),
    mongodbContainer().start(),
    qdrantContainer().start(),
  ]);
  project.provide('stack', {
    postgresUrl: postgres.getConnectionUri(),
    mongodbUri: `mongodb://${hostPort(mongodb, MONGODB_PORT)}/?directConnection=true`,
    redisUrl: redis.getConnectionUrl(),
    qdrantUrl: `http://${hostPort(qdrant, QDRANT_HTTP_PORT)}`,
  });
  return async () => {
    await Promise.all([postgres, redis, mongodb, qdrant].map((c) => c.stop()));
  };
}
