import { maskUrl } from '../config/mask.js';

const MAX_STATEMENT = 500;

/** The statement kind of a SQL text: its first keyword, upper-cased (`SELECT`, `INSERT`, `BEGIN`...). */
export function sqlKind(sql: string): string {
  const match = /^[\s(]*([A-Za-z]+)/.exec(sql);
  return match ? match[1]!.toUpperCase() : 'OTHER';
}

/**
 * A SQL text with its literals replaced by `?`: quoted strings, dollar-quoted bodies and numbers.
 * Prisma sends parameters apart (`$1`), but `$queryRawUnsafe` may carry values in the text.
 */
export function maskSql(sql: string): string {
  const masked = sql
    .replace(/\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$/g, '?')
    .replace(/[Ee]?'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$."])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(masked);
}

/** A Redis command without its arguments (keys and values may hold personal data): `SET (3 args)`. */
export function maskRedisCommand(name: string, args: readonly unknown[]): string {
  return `${name.toUpperCase()} (${args.length} arg${args.length === 1 ? '' : 's'})`;
}

/** A Mongo command as `find users`: the command name and its collection, never the filter or documents. */
export function maskMongoCommand(name: string, command: Record<string, unknown> | undefined): string {
  const target = command?.[name];
  return typeof target === 'string' && target.length <= 120 ? `${name} ${target}` : name;
}

/** A Qdrant call as `search products`: the client method and the collection name given to it. */
export function maskQdrantCall(method: string, firstArgument: unknown): string {
  return typeof firstArgument === 'string' && firstArgument.length <= 120 && !/[:/@]/.test(firstArgument)
    ? `${method} ${firstArgument}`
    : method;
}

/** An error's name and message for an operation record, URLs in it masked. */
export function describeOperationError(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.name}: ${error.message.split('\n').find((l) => l.trim()) ?? ''}`
      : String(error);
  return truncate(text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (url) => maskUrl(url)));
}

/** The type an error is counted under: its code when it has a string one, else its name. */
export function errorType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.length <= 40) return code;
  return error instanceof Error ? error.name : typeof error;
}

/** Whether an error says the operation timed out (client timeouts, the manager's, aborts on timeout). */
export function isTimeout(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  if (name === 'OperationTimeoutError' || name === 'TimeoutError' || name === 'MongoNetworkTimeoutError')
    return true;
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT')
    return true;
  return typeof message === 'string' && /timed? ?out|timeout/i.test(message);
}

const truncate = (text: string) =>
  text.length > MAX_STATEMENT ? `${text.slice(0, MAX_STATEMENT - 3)}...` : text;
