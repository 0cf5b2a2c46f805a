// Every subpath of both packages under moduleResolution node10 (module commonjs, NestJS's default),
// where TypeScript ignores `exports`: the subpaths resolve through typesVersions.
import { DatabaseManager, loadDatabaseConfig, type DatabaseConfig } from 'database-config';
import { setTestOverrides, StateError } from 'database-config/internal';
import { defineDatabaseFixtures, type DatabaseFixturesConfig } from 'database-config-testing';
import { databaseTest } from 'database-config-testing/vitest';
import { databaseFixtures } from 'database-config-testing/vitest/config';
import { useDatabases, withDatabaseFixtures } from 'database-config-testing/jest';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file imports an `export =` module so */
import preset = require('database-config-testing/jest-preset');
import nestedPreset = require('database-config-testing/jest/jest-preset');
import { redisFactory, StateError as FactoriesStateError } from 'database-config-testing/factories';
import { postgresContainer, STORE_IMAGES } from 'database-config-testing/containers';

const fixtures: DatabaseFixturesConfig = { postgres: { migrations: './migrations' }, redis: {} };
const config: DatabaseConfig = loadDatabaseConfig({}, { stores: ['redis'] });
export const globalSetup: string = preset.globalSetup;
export const setupFiles: string[] = nestedPreset.setupFilesAfterEnv;

// Every value is typed, so assigning it to a symbol is an error, which each @ts-expect-error needs.
// A value whose declarations did not resolve (an unresolved import inside a package's .d.ts, which
// skipLibCheck does not report) is `any`: its assignment compiles and tsc reports the unused directive.
export let typed: symbol;
// @ts-expect-error -- typed, so not a symbol
typed = loadDatabaseConfig;
// @ts-expect-error -- typed, so not a symbol
typed = config;
// @ts-expect-error -- typed, so not a symbol
typed = DatabaseManager;
// @ts-expect-error -- typed, so not a symbol
typed = setTestOverrides;
// @ts-expect-error -- typed, so not a symbol
typed = StateError;
// @ts-expect-error -- typed, so not a symbol
typed = defineDatabaseFixtures(fixtures);
// @ts-expect-error -- typed, so not a symbol
typed = databaseTest;
// @ts-expect-error -- typed, so not a symbol
typed = databaseFixtures;
// @ts-expect-error -- typed, so not a symbol
typed = useDatabases;
// @ts-expect-error -- typed, so not a symbol
typed = withDatabaseFixtures;
// @ts-expect-error -- typed, so not a symbol
typed = preset;
// @ts-expect-error -- typed, so not a symbol
typed = nestedPreset;
// @ts-expect-error -- typed, so not a symbol
typed = redisFactory;
// @ts-expect-error -- typed, so not a symbol
typed = FactoriesStateError;
// @ts-expect-error -- typed, so not a symbol
typed = postgresContainer;
// @ts-expect-error -- typed, so not a symbol
typed = STORE_IMAGES;
