// The few Docker engine API calls that must work without testcontainers: the DOCKER_HOST check
// before testcontainers picks an engine, and the run watcher (run-watcher.ts), which has to be
// up before its parent dies and act at once after. Plain node:http is used rather than
// dockerode: three endpoints are needed, and a watcher that loads only node builtins starts in
// tens of milliseconds with a few MB, where loading testcontainers costs hundreds.
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';

/** Where the engine listens (certificates as PEM text, so it can be handed to another process). */
export interface EngineEndpoint {
  socketPath?: string;
  host?: string;
  port?: number;
  https?: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

/** A container as `GET /containers/json` lists it (the fields used here). */
export interface EngineContainer {
  Id: string;
  Labels: Record<string, string>;
}

/** One request to the engine API, failing after `timeoutMs` whatever the engine does. */
export function engineRequest(
  endpoint: EngineEndpoint,
  method: 'GET' | 'DELETE',
  path: string,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions = {
      method,
      path,
      // Over TCP the Host header stays Node's host:port: with TLS, Node checks the engine's
      // certificate against the Host header's name.
      ...(endpoint.socketPath ? { headers: { Host: 'docker' } } : {}),
      // A connection per call, closed after it: nothing idle keeps a process (or a proxy) waiting.
      agent: false,
      ...(endpoint.socketPath
        ? { socketPath: endpoint.socketPath }
        : { host: endpoint.host, port: endpoint.port }),
    };
    const send = endpoint.https ? httpsRequest : httpRequest;
    const tls = endpoint.https ? { ca: endpoint.ca, cert: endpoint.cert, key: endpoint.key } : {};
    const req = send({ ...options, ...tls }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end();
  });
}

/** The containers carrying every one of `labels` (`key=value`), stopped ones included. */
export async function listLabelled(
  endpoint: EngineEndpoint,
  labels: string[],
  timeoutMs: number,
): Promise<EngineContainer[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: labels }));
  const { status, body } = await engineRequest(
    endpoint,
    'GET',
    `/containers/json?all=1&filters=${filters}`,
    timeoutMs,
  );
  if (status !== 200) throw new Error(`listing containers answered HTTP ${status}: ${body.trim()}`);
  return JSON.parse(body) as EngineContainer[];
}

/** Removes a container with its anonymous volumes, whatever its state; one already gone (or going) is fine. */
export async function removeContainer(
  endpoint: EngineEndpoint,
  id: string,
  timeoutMs: number,
): Promise<void> {
  const { status, body } = await engineRequest(
    endpoint,
    'DELETE',
    `/containers/${id}?force=1&v=1`,
    timeoutMs,
  );
  // 404: already removed; 409: a removal is already in progress (the stack's own stop).
  if (status !== 204 && status !== 404 && status !== 409) {
    throw new Error(`removing container ${id.slice(0, 12)} answered HTTP ${status}: ${body.trim()}`);
  }
}

/**
 * The endpoint DOCKER_HOST names, read as testcontainers reads it (`unix://` socket, or `tcp://`
 * with TLS when DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH holds ca.pem, cert.pem and key.pem);
 * undefined for schemes this module cannot reach itself (ssh://, npipe://).
 */
export function endpointFromDockerHost(
  value: string,
  env: NodeJS.ProcessEnv = process.env,
): EngineEndpoint | undefined {
  const url = new URL(value);
  if (url.protocol === 'unix:') return { socketPath: url.pathname };
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const certPath = env.DOCKER_CERT_PATH;
  const tls = (env.DOCKER_TLS_VERIFY === '1' && certPath !== undefined) || url.protocol === 'https:';
  const pem = (file: string) =>
    certPath && existsSync(join(certPath, file)) ? readFileSync(join(certPath, file), 'utf8') : undefined;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port) || (tls ? 2376 : 2375),
    ...(tls ? { https: true, ca: pem('ca.pem'), cert: pem('cert.pem'), key: pem('key.pem') } : {}),
  };
}

/** The endpoint of a dockerode client (its modem's settings); undefined for ssh and the like. */
export function endpointOfModem(modem: {
  socketPath?: unknown;
  host?: string;
  port?: number | string;
  protocol?: string;
  ca?: unknown;
  cert?: unknown;
  key?: unknown;
}): EngineEndpoint | undefined {
  const text = (value: unknown): string | undefined =>
    typeof value === 'string'
      ? value
      : Buffer.isBuffer(value)
        ? value.toString('utf8')
        : Array.isArray(value)
          ? value.map(text).join('\n')
          : undefined;
  if (typeof modem.socketPath === 'string') return { socketPath: modem.socketPath };
  if (!modem.host || (modem.protocol && !/^https?$/.test(modem.protocol))) return undefined;
  const https = modem.protocol === 'https' || modem.ca !== undefined;
  return {
    host: modem.host.replace(/^\[|\]$/g, ''),
    port: Number(modem.port) || (https ? 2376 : 2375),
    ...(https ? { https, ca: text(modem.ca), cert: text(modem.cert), key: text(modem.key) } : {}),
  };
}
