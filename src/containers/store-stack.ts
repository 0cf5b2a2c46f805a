import type { GenericContainer, StartedTestContainer } from 'testcontainers';
import type { StoreName } from 'database-config/internal';
import type { MigrationFile } from '../migrations/migration-files.js';
import type { ContainerOptions } from './container-options.js';
import type { StoreConfigOf } from './stack-config.js';
import type { StoreInfo } from './stack-info.js';

/** A store's migrations, read before anything starts. */
export interface StoreMigrations {
  /** The folder, resolved. */
  dir: string;
  files: MigrationFile[];
}

/** What applying a store's migrations into a template did. */
export interface TemplateOutcome {
  template: string;
  /** Built now (false: an existing template is reused). */
  built: boolean;
  /** Templates of an earlier version of the same migrations, dropped. */
  replaced: string[];
}

/**
 * One store's part of the stack: how its container starts and its URL is read, the part of the
 * {@link StackInfo} workers get, and (stores with migrations) the template build.
 */
export interface StoreStack<S extends StoreName> {
  /** The image the container starts from. */
  image(config: StoreConfigOf<S>): string;
  /**
   * The container, not started. Its module (and testcontainers) loads here, on the first container
   * to start: a run on external servers never loads it.
   */
  build(
    config: StoreConfigOf<S>,
    options: ContainerOptions,
  ): Promise<Pick<GenericContainer, 'start' | 'withLogConsumer' | 'withAutoCleanup'>>;
  /** The URL of a started container. */
  url(started: StartedTestContainer): string;
  /** The URL {@link url} gives for a container published on `host:port` (a store started on demand). */
  urlAt(host: string, port: number): string;
  /** The store's part of the stack info, for a server at `url`. */
  info(config: StoreConfigOf<S>, url: string, external: boolean): StoreInfo<S>;
  /**
   * Loads what {@link migrate} will run, before any container or connection exists. A test
   * runner's transformer (ts-jest with a `.js` transform, in a Jest global setup) compiles
   * migration modules synchronously: done while other stores' connections wait, it stalls the
   * event loop past their connect timeouts, which then fire although the servers answered.
   */
  preload?(migrations: StoreMigrations): Promise<void>;
  /** Applies the migrations once into a template database, and records it in `info`. */
  migrate?(
    info: StoreInfo<S>,
    migrations: StoreMigrations,
    config: StoreConfigOf<S>,
  ): Promise<TemplateOutcome>;
}
