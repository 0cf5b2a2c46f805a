import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { endpointFromDockerHost, endpointOfModem } from '../../src/containers/engine-api.js';
import { LogTail } from '../../src/containers/log-tail.js';

describe('endpointFromDockerHost (read as testcontainers reads DOCKER_HOST)', () => {
  it('a unix socket, a TCP host with its port or the default one, TLS with the certificates', () => {
    expect(endpointFromDockerHost('unix:///run/user/1000/docker.sock', {})).toEqual({
      socketPath: '/run/user/1000/docker.sock',
    });
    expect(endpointFromDockerHost('tcp://10.0.0.5:2375', {})).toEqual({ host: '10.0.0.5', port: 2375 });
    expect(endpointFromDockerHost('tcp://[::1]', {})).toEqual({ host: '::1', port: 2375 });
    const certs = mkdtempSync(join(tmpdir(), 'dbc-certs-'));
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, file), `PEM of ${file}`);
    expect(
      endpointFromDockerHost('tcp://engine:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs }),
    ).toEqual({
      host: 'engine',
      port: 2376,
      https: true,
      ca: 'PEM of ca.pem',
      cert: 'PEM of cert.pem',
      key: 'PEM of key.pem',
    });
  });

  it('schemes it cannot reach itself are left to testcontainers; a value that is no URL throws', () => {
    expect(endpointFromDockerHost('ssh://me@engine', {})).toBeUndefined();
    expect(endpointFromDockerHost('npipe:////./pipe/docker_engine', {})).toBeUndefined();
    expect(() => endpointFromDockerHost('not a url', {})).toThrow();
  });

  it('the endpoint of a dockerode modem; none for ssh', () => {
    expect(endpointOfModem({ socketPath: '/var/run/docker.sock', protocol: 'http' })).toEqual({
      socketPath: '/var/run/docker.sock',
    });
    expect(endpointOfModem({ host: '[::1]', port: '', protocol: 'http' })).toEqual({
      host: '::1',
      port: 2375,
    });
    expect(
      endpointOfModem({ host: 'e', port: 2376, protocol: 'https', ca: [Buffer.from('a'), 'b'] }),
    ).toMatchObject({
      https: true,
      ca: 'a\nb',
    });
    expect(endpointOfModem({ host: 'e', protocol: 'ssh' })).toBeUndefined();
  });
});

describe('LogTail', () => {
  it('keeps the last lines across chunk boundaries, without blank lines or carriage returns', async () => {
    const tail = new LogTail(3);
    const stream = new PassThrough();
    tail.consume(stream);
    stream.write('one\r\ntw');
    stream.write('o\n\nthree\nfour\nfi');
    stream.end('ve');
    expect(await tail.settle()).toEqual(['three', 'four', 'five']);
  });

  it('with no stream (the container never ran), no lines and no wait', async () => {
    const began = Date.now();
    expect(await new LogTail(20).settle()).toEqual([]);
    expect(Date.now() - began).toBeLessThan(100);
  });
});
