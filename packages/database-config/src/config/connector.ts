import type { StoreName } from '../stores.js';

/**
 * What the manager and health checks need to know about one store: how to open a client,
 * do a real round trip with it, close it, and name it in messages without secrets.
 */
export interface StoreConnector<Config, Client, Extra = undefined> {
  store: StoreName;
  /** The server, secrets masked, for messages (e.g. `postgresql://app:****@db:5432/app`). */
  target(config: Config): string;
  /** Opens a client and completes one round trip; closes what it opened when that fails. */
  connect(config: Config, extra: Extra): Promise<Client>;
  /** One real round trip (`SELECT 1`, `ping`, `PING`, list collections). */
  ping(client: Client): Promise<void>;
  /** Closes the client; must not throw. */
  close(client: Client): Promise<void>;
  /** What to check when connecting fails, appended to the error message. */
  hint: string;
}
