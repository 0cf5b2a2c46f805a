// The engine API client against a local HTTP(S) server standing in for the engine, for the answers
// a healthy Docker engine does not give on demand (errors, TLS with a private CA, silence).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  endpointFromDockerHost,
  endpointOfModem,
  engineRequest,
  listLabelled,
  removeContainer,
} from '../../src/containers/engine-api.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

const engine = async (handler: Handler) => ({
  host: '127.0.0.1',
  port: await listen(createHttpServer(handler)),
});
const answer = (status: number, body = '') => ((_req, res) => res.writeHead(status).end(body)) as Handler;

describe('listLabelled and removeContainer', () => {
  it('sends the label filter and reads the list', async () => {
    let path = '';
    const endpoint = await engine((req, res) => {
      path = req.url!;
      res.writeHead(200, { 'content-type': 'application/json' }).end('[{"Id":"abc","Labels":{"k":"v"}}]');
    });
    expect(await listLabelled(endpoint, ['k=v'], 2_000)).toEqual([{ Id: 'abc', Labels: { k: 'v' } }]);
    expect(decodeURIComponent(path)).toBe('/containers/json?all=1&filters={"label":["k=v"]}');
  });

  it('an engine error is thrown with its status and body', async () => {
    const endpoint = await engine(answer(500, 'engine broke\n'));
    await expect(listLabelled(endpoint, ['k=v'], 2_000)).rejects.toThrow(
      'listing containers answered HTTP 500: engine broke',
    );
    await expect(removeContainer(endpoint, '0123456789abcdef', 2_000)).rejects.toThrow(
      'removing container 0123456789ab answered HTTP 500: engine broke',
    );
  });

  it('removing: done (204), already gone (404) and already being removed (409) are all fine', async () => {
    for (const status of [204, 404, 409]) {
      const endpoint = await engine(answer(status));
      await expect(removeContainer(endpoint, 'abc', 2_000)).resolves.toBeUndefined();
    }
  });

  it('an engine that never answers fails after the timeout', async () => {
    const endpoint = await engine(() => undefined);
    await expect(engineRequest(endpoint, 'GET', '/_ping', 200)).rejects.toThrow('no answer within 200 ms');
  });
});

describe('over TLS (DOCKER_TLS_VERIFY with DOCKER_CERT_PATH)', () => {
  it(
    'trusts the CA of the certificate folder, and the port defaults to 2376',
    { timeout: 30_000 },
    async () => {
      const certs = mkdtempSync(join(tmpdir(), 'dbc-engine-tls-'));
      writeFileSync(join(certs, 'san.cnf'), 'subjectAltName=IP:127.0.0.1\n');
      // A private CA and an engine certificate for 127.0.0.1 signed by it, as Docker's TLS guide makes them.
      const openssl = (command: string) =>
        execFileSync('openssl', command.split(' '), { cwd: certs, stdio: 'ignore' });
      const ec = '-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes';
      openssl(`req -x509 ${ec} -days 1 -subj /CN=dbc-test-ca -keyout ca-key.pem -out ca.pem`);
      openssl(`req ${ec} -subj /CN=127.0.0.1 -keyout server-key.pem -out server.csr`);
      openssl(
        'x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 1 -out server.pem -extfile san.cnf',
      );
      expect(
        endpointFromDockerHost('tcp://127.0.0.1', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }),
      ).toMatchObject({
        port: 2376,
        https: true,
      });
      expect(endpointOfModem({ host: 'engine', protocol: 'https' })).toMatchObject({
        port: 2376,
        https: true,
      });

      const server = createHttpsServer(
        { key: readFileSync(join(certs, 'server-key.pem')), cert: readFileSync(join(certs, 'server.pem')) },
        answer(200, 'OK'),
      );
      const port = await listen(server);
      const endpoint = endpointFromDockerHost(`tcp://127.0.0.1:${port}`, {
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: certs,
      })!;
      expect(endpoint.ca).toContain('BEGIN CERTIFICATE');
      expect(endpoint.cert).toBeUndefined();
      expect(await engineRequest(endpoint, 'GET', '/_ping', 5_000)).toEqual({ status: 200, body: 'OK' });
      // Without the CA the server's certificate is refused.
      await expect(engineRequest({ ...endpoint, ca: undefined }, 'GET', '/_ping', 5_000)).rejects.toThrow(
        /certificate/,
      );
    },
  );
});
