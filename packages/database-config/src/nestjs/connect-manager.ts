import { DatabaseManager } from '../config/database-manager.js';
import { loadDatabaseConfig, type DatabaseConfig } from '../config/load-config.js';
import { assertPrismaClientConstructor } from '../config/postgres/postgres-client.js';
import type { PrismaLike } from '../config/postgres/postgres-connector.js';
import { ConfigValidationError, type ConfigIssue } from '../errors.js';
import { STORE_NAMES, type StoreName } from '../stores.js';
import { resolveEnv } from './env-source.js';
import {
  COMMON_OPTION_KEYS,
  STATIC_OPTION_KEYS,
  STORE_OPTION_KEYS,
  type DatabaseConfigModuleOptions,
} from './module-options.js';

/** What a module is, fixed when it is defined: its name in messages and the stores it connects. */
export interface ModuleSetup {
  moduleName: string;
  stores: readonly StoreName[];
  /** The @nestjs/mongoose connection name to provide the connection under, if any. */
  mongooseConnection: string | undefined;
  /** The root module provides the manager token and DatabaseManagerService to the app. */
  root: boolean;
}

/** Problems with the module's own options (unknown keys, a store's keys without the store, no Prisma class). */
function optionIssues(options: DatabaseConfigModuleOptions, setup: ModuleSetup): ConfigIssue[] {
  const where = (key: string) => `${setup.moduleName}.forRoot({ ${key} })`;
  const known = [...COMMON_OPTION_KEYS, ...setup.stores.flatMap((store) => STORE_OPTION_KEYS[store])];
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(options).filter((key) => !known.includes(key))) {
    if (STATIC_OPTION_KEYS.includes(key)) {
      issues.push({
        store: 'options',
        source: `${setup.moduleName}.forRootAsync({ useFactory }) returned { ${key} }`,
        problem: `${key} shapes the module, so it is read before the factory runs and this value is ignored`,
        example: `${setup.moduleName}.forRootAsync({ ${key}: ..., inject, useFactory })`,
      });
      continue;
    }
    const owner = STORE_NAMES.find((store) => STORE_OPTION_KEYS[store].includes(key));
    issues.push({
      store: owner ?? 'options',
      source: where(key),
      problem:
        owner && setup.root
          ? `${owner} is not among the stores of this module, so ${key} has no effect`
          : `unknown option; known options are ${known.join(', ')}`,
      example:
        owner && setup.root
          ? `stores: [${[...setup.stores, owner].map((s) => `'${s}'`).join(', ')}]`
          : 'env: process.env, retry: { attempts: 3 }',
    });
  }
  if (setup.stores.includes('postgres') && options.prismaClient === undefined) {
    issues.push({
      store: 'postgres',
      source: where('prismaClient'),
      problem:
        'missing: PostgreSQL is among the stores, so the module needs your generated Prisma client class',
      example: "prismaClient: PrismaClient (import { PrismaClient } from './generated/prisma/client.js')",
    });
  }
  return issues;
}

/** Reads and validates the module's stores' configuration; every problem in one ConfigValidationError. */
function moduleConfig(options: DatabaseConfigModuleOptions, setup: ModuleSetup): DatabaseConfig {
  const issues = optionIssues(options, setup);
  let config: DatabaseConfig | undefined;
  try {
    config = loadDatabaseConfig(resolveEnv(options.env), {
      stores: setup.stores,
      ...(options.postgres && { postgres: options.postgres }),
      ...(options.mongodb && { mongodb: options.mongodb }),
      ...(options.redis && { redis: options.redis }),
      qdrant: { ...options.qdrant, collections: options.collections ?? [] },
    });
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0 || !config) throw new ConfigValidationError(issues);
  return config;
}

/**
 * Validates a module's options and connects its stores through a {@link DatabaseManager} (retries,
 * circuit breakers; one store down closes the others and throws its `ConnectionError`).
 */
export async function connectModuleManager<P extends PrismaLike>(
  options: DatabaseConfigModuleOptions<P>,
  setup: ModuleSetup,
): Promise<DatabaseManager<P>> {
  if (options.prismaClient !== undefined) {
    assertPrismaClientConstructor(options.prismaClient, `${setup.moduleName}.forRoot({ prismaClient })`);
  }
  const config = moduleConfig(options, setup);
  const manager = new DatabaseManager<P>({
    config,
    ...(options.prismaClient && { prismaClient: options.prismaClient }),
    ...(options.retry && { retry: options.retry }),
    ...(options.breaker && { breaker: options.breaker }),
    ...(options.healthTimeoutMs !== undefined && { healthTimeoutMs: options.healthTimeoutMs }),
    ...(options.operationTimeoutMs !== undefined && { operationTimeoutMs: options.operationTimeoutMs }),
  });
  return manager.connect();
}
