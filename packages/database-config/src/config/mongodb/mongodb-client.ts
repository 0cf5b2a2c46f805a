import type { Connection, ConnectOptions } from 'mongoose';
import { importPeer } from '../peer.js';
import { currentTestOverrides } from '../test-overrides.js';
import { mongodbDatabaseName, type MongodbConfig } from './mongodb-config.js';

/** The driver options a config stands for (database, pool size, timeouts). */
export function mongooseConnectOptions(config: MongodbConfig): ConnectOptions {
  return {
    dbName: mongodbDatabaseName(config),
    maxPoolSize: config.poolSize,
    serverSelectionTimeoutMS: config.serverSelectionTimeoutMs,
    connectTimeoutMS: config.connectTimeoutMs,
    socketTimeoutMS: config.socketTimeoutMs,
  };
}

/**
 * A mongoose connection (not the global `mongoose.connect`), connected; register models on it
 * with `connection.model(...)`. Rejects when the server cannot be reached within the
 * server selection timeout; the connection is closed then.
 */
export async function createMongooseConnection(config: MongodbConfig): Promise<Connection> {
  const { default: mongoose } = await importPeer('mongodb', 'mongoose', () => import('mongoose'));
  const overrides = currentTestOverrides();
  await overrides?.ready?.('mongodb');
  const connection = mongoose.createConnection(config.uri, {
    ...mongooseConnectOptions(config),
    // Under the fixtures, command events tell which collections a test wrote to.
    ...(overrides?.onClient ? { monitorCommands: true } : {}),
  });
  try {
    await connection.asPromise();
    return overrides?.onClient ? overrides.onClient('mongodb', connection) : connection;
  } catch (error) {
    await connection.close(true).catch(() => undefined);
    throw error;
  }
}
