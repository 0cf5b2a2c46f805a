import debug from 'debug';
import type { MonitorEvents } from './monitor-types.js';

const log = debug('database-config:monitor');

type Listener<E extends keyof MonitorEvents> = (payload: MonitorEvents[E]) => void;

/**
 * The monitor's events. Not node:events: a listener that throws must not reach the client call
 * that emitted (it becomes an `error` event), and `error` with no listener must not throw.
 */
export class MonitorEmitter {
  readonly #listeners: { [E in keyof MonitorEvents]: Listener<E>[] } = {
    operation: [],
    sample: [],
    slow: [],
    state: [],
    error: [],
  };

  on<E extends keyof MonitorEvents>(event: E, listener: Listener<E>): void {
    (this.#listeners[event] as Listener<E>[]).push(listener);
  }

  off<E extends keyof MonitorEvents>(event: E, listener: Listener<E>): void {
    const list = this.#listeners[event] as Listener<E>[];
    const index = list.indexOf(listener);
    if (index >= 0) list.splice(index, 1);
  }

  /** Whether anyone listens to `event` (records are built only then). */
  has(event: keyof MonitorEvents): boolean {
    return this.#listeners[event].length > 0;
  }

  emit<E extends keyof MonitorEvents>(event: E, payload: MonitorEvents[E]): void {
    const list = this.#listeners[event] as Listener<E>[];
    if (list.length === 0) return;
    for (const listener of [...list]) {
      try {
        listener(payload);
      } catch (error) {
        if (event === 'error') log('an error listener threw: %O', error);
        else this.fail(error);
      }
    }
  }

  /** A failure inside the monitor: an `error` event, or a debug line when no one listens. */
  fail(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (this.#listeners.error.length === 0) log('monitor error: %O', failure);
    else this.emit('error', failure);
  }
}
