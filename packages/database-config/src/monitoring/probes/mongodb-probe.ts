import type {
  CommandFailedEvent,
  CommandStartedEvent,
  CommandSucceededEvent,
  ConnectionCheckedOutEvent,
  MongoClient,
} from 'mongodb';
import type { Connection } from 'mongoose';
import debug from 'debug';
import type { CallSite } from '../call-site.js';
import { maskMongoCommand } from '../statement.js';
import type { StoreProbe } from './store-probe.js';

const log = debug('database-config:monitor');
const READY_STATES = ['disconnected', 'connected', 'connecting', 'disconnecting'];
/** Commands started and not yet answered that are remembered; past it the oldest is dropped. */
const MAX_PENDING = 10_000;
// The driver emits commandStarted about 15 frames below the caller's (async) frame.
const MONGO_FRAMES = 28;

type Pending = {
  started: number;
  name: string;
  command: Record<string, unknown> | undefined;
  site: CallSite | undefined;
};
const maskPending = (pending: Pending) => maskMongoCommand(pending.name, pending.command);

type DriverPool = {
  options: Record<string, unknown>;
  connections?: Iterable<{ monitorCommands?: boolean }>;
  checkedOut?: Iterable<{ monitorCommands?: boolean }>;
  totalConnectionCount?: number;
  currentCheckedOutCount?: number;
  waitQueueSize?: number;
};

/** The driver's pools, through its internals (no public accessor); empty when they moved. */
function driverPools(client: MongoClient): DriverPool[] {
  const servers = (
    client as unknown as { topology?: { s?: { servers?: Map<string, { pool?: DriverPool }> } } }
  ).topology?.s?.servers;
  return servers ? [...servers.values()].flatMap((server) => (server.pool ? [server.pool] : [])) : [];
}

/**
 * Turns the driver's command monitoring on for a client connected without `monitorCommands`:
 * the client's option (new topologies), each pool's (new connections) and each open connection.
 * Returns how to turn it off again. Without it, only pool events would be seen.
 */
function enableCommandEvents(client: MongoClient): () => void {
  if (client.options.monitorCommands) return () => {};
  const pools = driverPools(client);
  const settable = client as unknown as { monitorCommands: boolean };
  settable.monitorCommands = true;
  const connections = pools.flatMap((pool) => [...(pool.connections ?? []), ...(pool.checkedOut ?? [])]);
  for (const pool of pools) pool.options = Object.freeze({ ...pool.options, monitorCommands: true });
  for (const connection of connections) connection.monitorCommands = true;
  if (pools.length === 0) log('mongodb: no driver pool found; command events only on new topologies');
  return () => {
    settable.monitorCommands = false;
    for (const pool of pools) pool.options = Object.freeze({ ...pool.options, monitorCommands: false });
    for (const connection of connections) connection.monitorCommands = false;
  };
}

/** MongoDB through mongoose: the driver's pool (CMAP) and command events, the connection's state. */
export const mongodbProbe: StoreProbe<Connection> = {
  store: 'mongodb',
  system: 'mongodb',
  attach(connection, sink) {
    const client = connection.getClient() as unknown as MongoClient;
    // Counts at attach time, then kept up to date by the pool events.
    const pools = driverPools(client);
    let total = pools.reduce((n, p) => n + (p.totalConnectionCount ?? 0), 0);
    let used = pools.reduce((n, p) => n + (p.currentCheckedOutCount ?? 0), 0);
    let waiting = pools.reduce((n, p) => n + (p.waitQueueSize ?? 0), 0);
    const max = (client.options as { maxPoolSize?: number }).maxPoolSize;
    const pending = new Map<number, Pending>();

    const onStarted = (event: CommandStartedEvent) => {
      if (sink.internal()) return;
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value!);
      pending.set(event.requestId, {
        started: performance.now(),
        name: event.commandName,
        command: event.command as Record<string, unknown>,
        site: sink.site(MONGO_FRAMES, event.commandName),
      });
    };
    const onFinished = (event: CommandSucceededEvent | CommandFailedEvent, error: unknown) => {
      const started = pending.get(event.requestId);
      if (!started) return;
      pending.delete(event.requestId);
      sink.operation(
        started.name,
        started.started,
        event.duration,
        started,
        maskPending,
        error,
        started.site,
      );
    };
    const handlers: [string, (...args: never[]) => void][] = [
      ['commandStarted', onStarted],
      ['commandSucceeded', (event: CommandSucceededEvent) => onFinished(event, undefined)],
      ['commandFailed', (event: CommandFailedEvent) => onFinished(event, event.failure)],
      ['connectionCreated', () => (total += 1)],
      ['connectionClosed', () => (total = Math.max(0, total - 1))],
      ['connectionCheckOutStarted', () => (waiting += 1)],
      [
        'connectionCheckedOut',
        (event: ConnectionCheckedOutEvent) => {
          waiting = Math.max(0, waiting - 1);
          used += 1;
          sink.acquired(event.durationMS ?? 0);
        },
      ],
      ['connectionCheckOutFailed', () => (waiting = Math.max(0, waiting - 1))],
      ['connectionCheckedIn', () => (used = Math.max(0, used - 1))],
    ];
    for (const [event, handler] of handlers) client.on(event as 'commandStarted', handler as never);
    const disableCommands = enableCommandEvents(client);

    const connectionEvents = ['connected', 'disconnected', 'reconnected', 'close'] as const;
    const onState = connectionEvents.map((event) => {
      const listener = () => {
        if (event === 'reconnected') sink.reconnected();
        sink.status(READY_STATES[connection.readyState] ?? String(connection.readyState));
      };
      connection.on(event, listener);
      return [event, listener] as const;
    });
    return {
      status: () => READY_STATES[connection.readyState] ?? String(connection.readyState),
      pool: () => ({ total, used, idle: Math.max(0, total - used), ...(max ? { max } : {}), waiting }),
      detach() {
        for (const [event, handler] of handlers) client.off(event as 'commandStarted', handler as never);
        for (const [event, listener] of onState) connection.off(event, listener);
        disableCommands();
        pending.clear();
      },
    };
  },
};
