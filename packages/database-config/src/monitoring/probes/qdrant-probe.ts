import type { QdrantClient } from '@qdrant/js-client-rest';
import { maskQdrantCall } from '../statement.js';
import { patchMethod, type StoreProbe } from './store-probe.js';

/** The client's own methods (`search`, `query`, `upsert`, `getCollections`...), one per endpoint. */
function clientMethods(client: QdrantClient): string[] {
  const names = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(client);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  )
    for (const name of Object.getOwnPropertyNames(proto))
      if (
        name !== 'constructor' &&
        !name.startsWith('_') &&
        typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function'
      )
        names.add(name);
  return [...names];
}

type Call = { method: string; first: unknown };
const maskCall = (call: Call) => maskQdrantCall(call.method, call.first);

/** Qdrant through its REST client: every method call (one per endpoint) and the calls in flight. */
export const qdrantProbe: StoreProbe<QdrantClient> = {
  store: 'qdrant',
  system: 'qdrant',
  attach(client, sink) {
    let inFlight = 0;
    const target = client as unknown as Record<string, (...args: unknown[]) => unknown>;
    const restores = clientMethods(client).map((method) =>
      patchMethod(
        target,
        method,
        (original) =>
          function (this: unknown, ...args: unknown[]) {
            const result = original!.apply(this, args);
            if (!(result instanceof Promise) || sink.internal()) return result;
            const site = sink.site(6, method); // the wrapper, the caller
            const started = performance.now();
            const call = { method, first: args[0] };
            inFlight += 1;
            return result.then(
              (value: unknown) => {
                inFlight -= 1;
                sink.operation(method, started, performance.now() - started, call, maskCall, undefined, site);
                return value;
              },
              (error: unknown) => {
                inFlight -= 1;
                sink.operation(method, started, performance.now() - started, call, maskCall, error, site);
                throw error;
              },
            );
          },
      ),
    );
    return {
      status: () => 'ready',
      pool: () => ({ waiting: 0, inFlight }),
      detach() {
        for (const restore of restores) restore();
      },
    };
  },
};
