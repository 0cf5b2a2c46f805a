import { importPeer } from 'database-config/internal';
import { ensureMongoTemplate, preloadMongoMigrations } from '../../migrations/mongodb-migrations.js';
import { resolveImage } from '../images.js';
import type { StoreStack } from '../store-stack.js';
import { CONTAINER_PORTS } from '../container-ports.js';

/** MongoDB in the stack: a container, migrate-mongo migrations into a template database. */
export const mongodbStack: StoreStack<'mongodb'> = {
  image: (config) => config.image ?? resolveImage('mongodb'),
  build: async (config, options) =>
    (await import('./mongodb-container.js')).mongodbContainer({ ...options, ...config }),
  url: (started) =>
    `mongodb://${started.getHost()}:${started.getMappedPort(CONTAINER_PORTS.mongodb)}/?directConnection=true`,
  urlAt: (host, port) => `mongodb://${host}:${port}/?directConnection=true`,
  info: (_config, url, external) => ({ url, external }),
  preload: ({ dir, files }) => preloadMongoMigrations(dir, files),
  async migrate(info, { dir, files }) {
    const { MongoClient } = await importPeer('mongodb', 'mongodb', () => import('mongodb'));
    const client = await MongoClient.connect(info.url, {
      serverSelectionTimeoutMS: 10_000,
      connectTimeoutMS: 10_000,
    });
    try {
      const result = await ensureMongoTemplate(client, dir, files);
      info.template = result.template;
      return { ...result, replaced: [] };
    } finally {
      await client.close();
    }
  },
};
