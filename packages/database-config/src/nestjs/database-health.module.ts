import { Controller, Get, Inject, Module, type DynamicModule, type Type } from '@nestjs/common';
import type * as Terminus from '@nestjs/terminus';
import type { HealthCheckService } from '@nestjs/terminus';
import { connectedManagersProvider } from './connected-managers.js';
import { DatabaseHealthIndicator } from './health-check.service.js';
import { loadTerminus } from './nest-peers.js';
import { HEALTH_INDICATOR_SERVICE } from './tokens.js';

/** Options of {@link DatabaseHealthModule.forRoot}. */
export interface DatabaseHealthModuleOptions {
  /**
   * Serve a health endpoint checking every connected store (`GET /<path>`: 200 with terminus's
   * report when all are up, 503 when one is down): `true` for `health`, or the path. @default false
   */
  controller?: boolean | string;
}

/** A controller for `path` that runs every store's indicator through terminus's HealthCheckService. */
function healthController(path: string, terminus: typeof Terminus): Type {
  @Controller(path)
  class DatabaseHealthController {
    readonly #health: HealthCheckService;
    readonly #indicator: DatabaseHealthIndicator;

    constructor(
      @Inject(terminus.HealthCheckService) health: HealthCheckService,
      @Inject(DatabaseHealthIndicator) indicator: DatabaseHealthIndicator,
    ) {
      this.#health = health;
      this.#indicator = indicator;
    }

    @Get()
    @terminus.HealthCheck()
    check() {
      return this.#health.check([() => this.#indicator.checkAll()]);
    }
  }
  return DatabaseHealthController;
}

/** The module once @nestjs/terminus is loaded. */
async function healthModule(options: DatabaseHealthModuleOptions): Promise<DynamicModule> {
  const terminus = await loadTerminus();
  const path = options.controller === true ? 'health' : options.controller || undefined;
  return {
    module: DatabaseHealthModule,
    imports: [terminus.TerminusModule],
    providers: [
      { provide: HEALTH_INDICATOR_SERVICE, useExisting: terminus.HealthIndicatorService },
      connectedManagersProvider,
      DatabaseHealthIndicator,
    ],
    exports: [DatabaseHealthIndicator, terminus.TerminusModule],
    controllers: path === undefined ? [] : [healthController(path, terminus)],
  };
}

/**
 * `DatabaseHealthIndicator` (terminus indicators for the connected stores) and, with `controller`,
 * a ready-made `/health` endpoint. `@nestjs/terminus` is loaded here, so an app without this
 * module need not install it; missing, `forRoot()` rejects with a `MissingPeerDependencyError`.
 *
 * @example
 * imports: [DatabaseConfigModule.forRoot({ ... }), DatabaseHealthModule.forRoot({ controller: true })]
 */
@Module({})
export class DatabaseHealthModule {
  /**
   * The module (a promise: Nest awaits it in `imports`). Called while the app's module is
   * decorated, it may reject (terminus missing) before the bootstrap awaits it, so the rejection is
   * marked handled here: it reaches the bootstrap, not Node's unhandled-rejection crash.
   */
  static forRoot(options: DatabaseHealthModuleOptions = {}): Promise<DynamicModule> {
    const module = healthModule(options);
    module.catch(() => undefined);
    return module;
  }
}
