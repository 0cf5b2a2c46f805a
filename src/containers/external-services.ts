// External-services mode: the servers given by URL instead of containers. Their URLs are checked
// when read (parseable, the store's scheme), and each server once before any test (connect,
// authenticate, one request, all with a timeout), so a wrong URL fails at setup with one error.
import { maskUrl } from 'database-config/internal';
import {
  ExternalServiceError,
  type ConfigIssue,
  type ExternalServiceFailure,
} from 'database-config/internal';
import type { StackConfig } from './stack-config.js';
import { STORE_NAMES, type StoreName } from 'database-config/internal';
import { answerOf, errorTexts } from './error-texts.js';
import { mongodbExternal } from './mongodb/mongodb-external.js';
import { postgresExternal } from './postgres/postgres-external.js';
import { qdrantExternal } from './qdrant/qdrant-external.js';
import { redisExternal } from './redis/redis-external.js';

/** How long each step of a server's check may take before the server counts as not answering. */
export const EXTERNAL_CHECK_TIMEOUT_MS = 5000;

/** What a check needs besides the URL. */
export interface CheckOptions {
  timeoutMs: number;
  /** Qdrant's API key (`fixtures.qdrant.apiKey`). */
  apiKey?: string | undefined;
}

/** A failure read from a server's answer: what to do, or `foreign` (another kind of server answered). */
export type Explained = Pick<ExternalServiceFailure, 'problem' | 'answer'> & {
  /** @default 'server' */
  answeredBy?: 'connection';
} & ({ hint: string } | { foreign: true });

/** One store's side of external-services mode. */
export interface ExternalServer {
  /** The store's name in messages. */
  label: string;
  /** The server's usual port, to recognise another store's port in messages. */
  port: number;
  /** Accepted URL schemes, with their colon (`postgres:`). */
  schemes: readonly string[];
  /** A valid URL, for messages. */
  example: string;
  /**
   * Connects (with `timeoutMs` on connect and on each request), authenticates and makes one
   * trivial request; closes what it opened. Returns a problem the server answered with (a
   * missing privilege), throws what the driver threw.
   */
  check(url: string, options: CheckOptions): Promise<Explained | undefined>;
  /** The store's reading of a thrown error (auth, a foreign protocol); undefined for the shared one. */
  explain(error: unknown, options: CheckOptions): Explained | undefined;
}

export const EXTERNAL_SERVERS: Record<StoreName, ExternalServer> = {
  postgres: postgresExternal,
  mongodb: mongodbExternal,
  redis: redisExternal,
  qdrant: qdrantExternal,
};

/** A store's external server: its URL and where the URL came from. */
export interface ExternalTarget {
  url: string;
  /** `DBC_POSTGRES_URL`, or `fixtures.postgres.url`. */
  source: string;
}

/**
 * The external URL of each configured store (the fixture config's `url`, else `DBC_<STORE>_URL`),
 * each checked: parseable, and of its store's scheme. Returns the problems instead of throwing,
 * so they are reported with the other configuration problems.
 */
export function readExternalUrls(
  config: StackConfig,
  env: Record<string, string | undefined> = process.env,
): { targets: Partial<Record<StoreName, ExternalTarget>>; issues: ConfigIssue[] } {
  const targets: Partial<Record<StoreName, ExternalTarget>> = {};
  const issues: ConfigIssue[] = [];
  for (const store of STORE_NAMES.filter((s) => config[s] !== undefined)) {
    const variable = `DBC_${store.toUpperCase()}_URL`;
    const fromConfig = config[store]?.url;
    const url = fromConfig ?? (env[variable]?.trim() || undefined);
    if (url === undefined) continue;
    const source = fromConfig === undefined ? variable : `fixtures.${store}.url`;
    const problem = urlProblem(EXTERNAL_SERVERS[store], url);
    if (problem) issues.push({ store, source, problem, example: EXTERNAL_SERVERS[store].example });
    else targets[store] = { url, source };
  }
  return { targets, issues };
}

function urlProblem(server: ExternalServer, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${maskUrl(url)}" is not a URL`;
  }
  if (!server.schemes.includes(parsed.protocol)) {
    const schemes = server.schemes.map((s) => `${s}//`).join(' or ');
    return `"${maskUrl(url)}" has the scheme ${parsed.protocol}//, not a ${server.label} one (${schemes})`;
  }
  if (!parsed.hostname) return `"${maskUrl(url)}" names no host`;
  return undefined;
}

/**
 * Checks every external server once, in parallel; every failure is reported together in one
 * {@link ExternalServiceError}. Each check is bounded: a server that never answers (another
 * store's port, a hung server) fails after about `timeoutMs`.
 */
export async function checkExternalServers(
  targets: Partial<Record<StoreName, ExternalTarget>>,
  options: CheckOptions,
): Promise<void> {
  const entries = Object.entries(targets) as [StoreName, ExternalTarget][];
  const results = await Promise.all(
    entries.map(async ([store, target]) => {
      const explained = await checkOne(store, target.url, options);
      if (!explained) return undefined;
      const server = EXTERNAL_SERVERS[store];
      const hint = 'hint' in explained ? explained.hint : wrongServerHint(server, target.url);
      return {
        store,
        source: target.source,
        target: maskUrl(target.url),
        problem: explained.problem,
        answer: explained.answer,
        answeredBy: explained.answeredBy ?? 'server',
        hint,
      };
    }),
  );
  const failures = results.filter((f): f is ExternalServiceFailure => f !== undefined);
  if (failures.length > 0) throw new ExternalServiceError(failures);
}

const TIMED_OUT = Symbol('timed out');

async function checkOne(
  store: StoreName,
  url: string,
  options: CheckOptions,
): Promise<Explained | undefined> {
  const server = EXTERNAL_SERVERS[store];
  let timer: NodeJS.Timeout | undefined;
  // The drivers' own timeouts come first; this bound catches a step one of them leaves open.
  const bound = new Promise<typeof TIMED_OUT>((done) => {
    timer = setTimeout(() => done(TIMED_OUT), options.timeoutMs * 2 + 1000);
  });
  try {
    const result = await Promise.race([server.check(url, options), bound]);
    return result === TIMED_OUT ? notAnswering(server, url, options.timeoutMs * 2 + 1000) : result;
  } catch (error) {
    return server.explain(error, options) ?? networkFailure(server, url, error, options.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

const ALL_PORTS = () =>
  Object.values(EXTERNAL_SERVERS)
    .map((s) => `${s.label} ${s.port}`)
    .join(', ');

/** The hint for a port where something else than the store answers. */
function wrongServerHint(server: ExternalServer, url: string): string {
  return (
    `Port ${portOf(server, url)} is not a ${server.label} server: is it another store's port? ` +
    `(usual ports: ${ALL_PORTS()}). Fix the port in the URL.`
  );
}

function portOf(server: ExternalServer, url: string): string {
  const parsed = new URL(url);
  return parsed.port || (parsed.protocol === 'https:' ? '443' : String(server.port));
}

function notAnswering(server: ExternalServer, url: string, ms: number): Explained {
  return {
    problem: `no ${server.label} answer within ${ms / 1000} s`,
    answer: 'no answer to the check',
    answeredBy: 'connection',
    hint:
      `Port ${portOf(server, url)} is not a ${server.label} server, or the server is hung: is it another store's port? ` +
      `(usual ports: ${ALL_PORTS()}). Fix the port in the URL, or check the server.`,
  };
}

/** The shared reading of a failure: network errors and timeouts, the same for every store. */
function networkFailure(server: ExternalServer, url: string, error: unknown, timeoutMs: number): Explained {
  const { codes, messages } = errorTexts(error);
  const has = (...wanted: string[]) => wanted.some((code) => codes.includes(code));
  const { hostname } = new URL(url);
  const where = `${hostname}:${portOf(server, url)}`;
  const answer = answerOf(error);
  const answeredBy = 'connection' as const;
  if (has('ECONNREFUSED'))
    return {
      problem: `nothing listens at ${where}`,
      answer,
      answeredBy,
      hint: `Start the ${server.label} server, or fix the port in the URL.`,
    };
  if (has('ENOTFOUND', 'EAI_AGAIN'))
    return {
      problem: `the host ${hostname} is unknown`,
      answer,
      answeredBy,
      hint: 'Fix the host name in the URL.',
    };
  if (has('EHOSTUNREACH', 'ENETUNREACH'))
    return {
      problem: `the host ${hostname} is unreachable`,
      answer,
      answeredBy,
      hint: 'Check the host in the URL and the network.',
    };
  const silent = () => ({ ...notAnswering(server, url, timeoutMs), answer });
  if (/timeout|timed out/i.test(answer)) return silent();
  if (has('ECONNRESET', 'EPIPE') || /closed|terminated|hang up/i.test(answer))
    return {
      problem: `the server at ${where} closed the connection without a ${server.label} answer`,
      answer,
      answeredBy,
      foreign: true,
    };
  if (
    has('ETIMEDOUT', 'TimeoutError', 'MongoServerSelectionError') ||
    messages.some((m) => /timeout|timed out/i.test(m))
  )
    return silent();
  return {
    problem: `the check failed`,
    answer,
    answeredBy,
    hint: `Check that a ${server.label} server runs at ${where} and that the URL is right.`,
  };
}
