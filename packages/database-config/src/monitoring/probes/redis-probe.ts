import type { Command, Redis } from 'ioredis';
import { maskRedisCommand } from '../statement.js';
import { patchMethod, type StoreProbe } from './store-probe.js';

const STATUS_EVENTS = ['connect', 'ready', 'close', 'reconnecting', 'end'] as const;

const maskCommand = (command: Command) => maskRedisCommand(command.name, command.args);

/** Redis through ioredis: every command sent, the connection status and the two queues. */
export const redisProbe: StoreProbe<Redis> = {
  store: 'redis',
  system: 'redis',
  attach(redis, sink) {
    const stopSend = patchMethod(
      redis,
      'sendCommand',
      (original) =>
        function (this: Redis, command: Command, stream?: unknown) {
          const result = (original as (c: Command, s?: unknown) => unknown).call(this, command, stream);
          if (sink.internal() || !command?.promise) return result;
          const kind = command.name;
          const site = sink.site(8, kind); // the wrapper, ioredis' command method, the caller
          const started = performance.now();
          command.promise.then(
            () =>
              sink.operation(
                kind,
                started,
                performance.now() - started,
                command,
                maskCommand,
                undefined,
                site,
              ),
            (error: unknown) =>
              sink.operation(kind, started, performance.now() - started, command, maskCommand, error, site),
          );
          return result;
        } as Redis['sendCommand'],
    );
    let lost = false;
    const listeners = STATUS_EVENTS.map((event) => {
      const listener = () => {
        if (event === 'close') lost = true;
        if (event === 'ready' && lost) {
          lost = false;
          sink.reconnected();
        }
        // ioredis emits status events on the next tick: the event, not redis.status, is the state it reports.
        sink.status(event);
      };
      redis.on(event, listener);
      return [event, listener] as const;
    });
    const queue = (name: 'commandQueue' | 'offlineQueue') =>
      (redis as unknown as Record<string, { length?: number } | undefined>)[name]?.length ?? 0;
    return {
      status: () => redis.status,
      pool() {
        const connected = redis.status === 'ready' ? 1 : 0;
        const inFlight = queue('commandQueue');
        const used = connected && inFlight > 0 ? 1 : 0;
        return {
          total: connected,
          idle: connected - used,
          used,
          max: 1,
          waiting: queue('offlineQueue'),
          inFlight,
        };
      },
      detach() {
        stopSend();
        for (const [event, listener] of listeners) redis.off(event, listener);
      },
    };
  },
};
