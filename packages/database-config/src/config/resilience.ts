import {
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import { OperationTimeoutError } from '../errors.js';

// cockatiel rather than opossum: it composes retry, backoff with jitter and a circuit breaker as
// typed policies around async functions, has no dependencies and needs no event-emitter wiring.

/** Retries of transient connection failures. */
export interface RetryOptions {
  /** Attempts in all, the first included. @default 5 */
  attempts?: number;
  /** Delay before the first retry, in milliseconds; it grows exponentially with jitter. @default 100 */
  initialDelayMs?: number;
  /** Longest delay between two attempts, in milliseconds. @default 2000 */
  maxDelayMs?: number;
}

/**
 * The circuit breaker each store is guarded by. It counts connection failures and timeouts (of
 * health checks, of operations run through `DatabaseManager.execute`, and the clients' own
 * command/query timeouts); errors the server answered (a constraint violation, a wrong type, a
 * refused password) do not count.
 */
export interface BreakerOptions {
  /** Consecutive failures (timeouts included) that open the circuit. @default 5 */
  threshold?: number;
  /** Milliseconds after which an open circuit lets one call through again. @default 10000 */
  halfOpenAfterMs?: number;
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  '57P03', // PostgreSQL: cannot connect now (starting up)
]);

// Kinds of Prisma driver adapter errors (`error.driverAdapterError.cause.kind`) worth a retry.
const TRANSIENT_ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'SocketTimeout',
  'ConnectionClosed',
  'TooManyConnections',
]);

/** Whether a failure may go away by itself (server starting, network blip), so retrying makes sense. */
export function isTransient(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const { code, name, message, cause, errors, kind, meta } = error as {
    code?: unknown;
    name?: string;
    message?: string;
    cause?: unknown;
    errors?: unknown[];
    kind?: unknown;
    meta?: { driverAdapterError?: unknown };
  };
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  if (typeof kind === 'string' && TRANSIENT_ADAPTER_KINDS.has(kind)) return true;
  if (meta?.driverAdapterError) return isTransient(meta.driverAdapterError, depth + 1);
  if (/authentication|password|auth failed|unauthorized|forbidden|NOAUTH|WRONGPASS/i.test(message ?? ''))
    return false;
  if (name === 'MongoServerSelectionError' || name === 'MongoNetworkError') return true;
  if (/Connection is closed|ECONNREFUSED|timed? ?out|connect(ion)? terminated/i.test(message ?? ''))
    return true;
  if (Array.isArray(errors) && errors.some((e) => isTransient(e, depth + 1))) return true;
  return isTransient(cause, depth + 1);
}

/** Whether a failure says the store is unwell (unreachable, hung, restarting), so the breaker counts it. */
export function isStoreFailure(error: unknown): boolean {
  return error instanceof OperationTimeoutError || isTransient(error);
}

/** The policies around one store: its circuit breaker, shared by connecting and by single calls. */
export interface StorePolicies {
  /** The store's circuit breaker (its `state`, `lastFailure`). */
  breaker: CircuitBreakerPolicy;
  /** Connecting: retries of transient failures with backoff, each attempt through the breaker. */
  connect: IPolicy;
}

/** The policies around one store's calls: retries of transient failures, inside a circuit breaker. */
export function storePolicies(
  retryOptions: RetryOptions = {},
  breakerOptions: BreakerOptions = {},
): StorePolicies {
  const retries = retry(
    handleWhen((error) => isTransient(error)),
    {
      maxAttempts: Math.max(0, (retryOptions.attempts ?? 5) - 1),
      backoff: new ExponentialBackoff({
        initialDelay: retryOptions.initialDelayMs ?? 100,
        maxDelay: retryOptions.maxDelayMs ?? 2000,
      }),
    },
  );
  const breaker = circuitBreaker(handleWhen(isStoreFailure), {
    halfOpenAfter: breakerOptions.halfOpenAfterMs ?? 10_000,
    breaker: new ConsecutiveBreaker(breakerOptions.threshold ?? 5),
  });
  return { breaker, connect: wrap(retries, breaker) };
}

/**
 * Runs `call` with an abort signal, rejecting with `onTimeout()` when it has not settled within
 * `timeoutMs` (the signal is aborted then; a call that ignores it is left to settle by itself).
 */
export async function withTimeout<T>(
  timeoutMs: number,
  call: (signal: AbortSignal) => PromiseLike<T>,
  onTimeout: () => Error,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      call(controller.signal),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = onTimeout();
          controller.abort(error);
          reject(error);
        }, timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
