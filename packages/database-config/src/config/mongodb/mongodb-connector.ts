import type { Connection } from 'mongoose';
import type { StoreConnector } from '../connector.js';
import { maskUrl } from '../mask.js';
import { createMongooseConnection } from './mongodb-client.js';
import { mongodbDatabaseName, type MongodbConfig } from './mongodb-config.js';

export const mongodbConnector: StoreConnector<MongodbConfig, Connection> = {
  store: 'mongodb',
  target: (config) => `${maskUrl(config.uri)} (database ${mongodbDatabaseName(config)})`,
  async connect(config) {
    const connection = await createMongooseConnection(config);
    try {
      await mongodbConnector.ping(connection);
      return connection;
    } catch (error) {
      await mongodbConnector.close(connection);
      throw error;
    }
  },
  ping: async (connection) => {
    await connection.db!.admin().ping();
  },
  close: (connection) => connection.close(true).catch(() => undefined),
  hint: 'Check that MongoDB is running and reachable, and that MONGODB_URI (user, password, auth source) is right.',
};
