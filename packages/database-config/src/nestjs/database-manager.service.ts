import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { DatabaseManager } from '../config/database-manager.js';
import type { HealthReport } from '../config/health.js';
import type { PrismaLike } from '../config/postgres/postgres-connector.js';
import { MODULE_MANAGER } from './tokens.js';

/**
 * The `DatabaseManager` a database module connected at bootstrap, and what closes it: on
 * application shutdown (`app.close()`, or a signal with `app.enableShutdownHooks()`) every store
 * of the module is closed once; a second shutdown is harmless.
 */
@Injectable()
export class DatabaseManagerService<P extends PrismaLike = PrismaLike> implements OnApplicationShutdown {
  /** The connected manager: its clients, `execute`, `health()`, `circuit()`. */
  readonly manager: DatabaseManager<P>;
  #closing: Promise<void> | undefined;

  constructor(@Inject(MODULE_MANAGER) manager: DatabaseManager<P>) {
    this.manager = manager;
  }

  /** Every store's health (one real round trip each, never throws). */
  health(): Promise<HealthReport> {
    return this.manager.health();
  }

  /** Closes every store of the module; later calls wait for the same close. */
  close(): Promise<void> {
    this.#closing ??= this.manager.close();
    return this.#closing;
  }

  /** @internal Nest's shutdown hook. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
