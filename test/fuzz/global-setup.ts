// The fuzz's global setup, run after the databaseFixtures() plugin's (see vitest.config.ts): reads
// the migrated templates once, before any worker clones them (a session on a PostgreSQL template
// would make CREATE DATABASE ... TEMPLATE fail), and provides them to the generated tests.
import { MongoClient } from 'mongodb';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { qdrantTemplate, readMongodb, readPostgres, type TemplateState } from './snapshot.js';

export default async function setup(project: TestProject) {
  const stack = project.getProvidedContext().databaseStack;
  if (!stack?.postgres?.template || !stack.mongodb?.template || !stack.qdrant || !stack.redis) {
    throw new Error(
      'The isolation fuzz needs all four stores with migrations (postgres.template, mongodb.template, redis, qdrant) ' +
        `in the stack; got ${JSON.stringify(Object.keys(stack ?? {}))}. Run it with test/fuzz/vitest.config.ts.`,
    );
  }
  const url = new URL(stack.postgres.url);
  url.pathname = `/${stack.postgres.template}`;
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  const postgres = await readPostgres(client).finally(() => client.end());
  const mongo = await MongoClient.connect(stack.mongodb.url, { serverSelectionTimeoutMS: 10_000 });
  const mongodb = await readMongodb(mongo.db(stack.mongodb.template)).finally(() => mongo.close());
  const template: TemplateState = { postgres, mongodb, qdrant: qdrantTemplate(stack) };
  project.provide('fuzzTemplate', template);
}
