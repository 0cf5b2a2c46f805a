import type { MonitorSnapshot } from './monitor-types.js';

type Consumer = {
  latest: MonitorSnapshot | undefined;
  wake: ((result: IteratorResult<MonitorSnapshot>) => void) | undefined;
};

/** The async iterations of a monitor: each gets the samples pushed, holding at most the latest unread one. */
export class SnapshotStream {
  readonly #consumers = new Set<Consumer>();
  readonly #onActive: (active: boolean) => void;
  #ended = false;

  /** `onActive(true)` when the first iteration starts, `false` when the last one stops. */
  constructor(onActive: (active: boolean) => void) {
    this.#onActive = onActive;
  }

  get size(): number {
    return this.#consumers.size;
  }

  push(snapshot: MonitorSnapshot): void {
    for (const consumer of this.#consumers) {
      const wake = consumer.wake;
      consumer.wake = undefined;
      if (wake) wake({ done: false, value: snapshot });
      else consumer.latest = snapshot;
    }
  }

  /** Ends every iteration; later ones end at once. */
  end(): void {
    this.#ended = true;
    for (const consumer of this.#consumers) consumer.wake?.({ done: true, value: undefined });
    this.#consumers.clear();
  }

  iterator(): AsyncIterator<MonitorSnapshot> {
    const consumer: Consumer = { latest: undefined, wake: undefined };
    this.#consumers.add(consumer);
    if (this.#consumers.size === 1) this.#onActive(true);
    const finish = (): IteratorResult<MonitorSnapshot> => {
      if (this.#consumers.delete(consumer) && this.#consumers.size === 0) this.#onActive(false);
      return { done: true, value: undefined };
    };
    return {
      next: () => {
        if (this.#ended) return Promise.resolve(finish());
        const latest = consumer.latest;
        if (latest) {
          consumer.latest = undefined;
          return Promise.resolve({ done: false, value: latest });
        }
        return new Promise((resolve) => {
          consumer.wake = resolve;
        });
      },
      return: () => Promise.resolve(finish()),
    };
  }
}
