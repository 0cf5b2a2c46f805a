import { Inject } from '@nestjs/common';
import { getDatabaseToken } from './tokens.js';

/**
 * Injects your Prisma client (type the parameter with your generated class). Provided by
 * `PostgresqlConfigModule` or `DatabaseConfigModule` with `'postgres'`.
 *
 * @example
 * constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}
 */
export const InjectPrisma = (): PropertyDecorator & ParameterDecorator =>
  Inject(getDatabaseToken('postgres'));

/** Injects the mongoose `Connection` (`MongodbConfigModule`, or `DatabaseConfigModule` with `'mongodb'`). */
export const InjectMongoConnection = (): PropertyDecorator & ParameterDecorator =>
  Inject(getDatabaseToken('mongodb'));

/** Injects the ioredis client (`RedisConfigModule`, or `DatabaseConfigModule` with `'redis'`). */
export const InjectRedis = (): PropertyDecorator & ParameterDecorator => Inject(getDatabaseToken('redis'));

/** Injects the Qdrant REST client (`QdrantConfigModule`, or `DatabaseConfigModule` with `'qdrant'`). */
export const InjectQdrant = (): PropertyDecorator & ParameterDecorator => Inject(getDatabaseToken('qdrant'));

/** Injects the connected `DatabaseManager` of `DatabaseConfigModule`. */
export const InjectDatabaseManager = (): PropertyDecorator & ParameterDecorator =>
  Inject(getDatabaseToken('manager'));
