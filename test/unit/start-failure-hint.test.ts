// What a failed container start tells the user to do, read from the engine's or testcontainers'
// words (pure logic; test/integration/container-errors.test.ts starts real failing containers).
import { afterEach, describe, expect, it } from 'vitest';
import { resolveImage, isOfficialMongoImage } from '../../src/containers/images.js';
import { startFailureHint } from '../../src/containers/store-containers.js';

const ryuk = process.env.TESTCONTAINERS_RYUK_DISABLED;
afterEach(() => {
  if (ryuk === undefined) delete process.env.TESTCONTAINERS_RYUK_DISABLED;
  else process.env.TESTCONTAINERS_RYUK_DISABLED = ryuk;
});

describe('startFailureHint', () => {
  it('a missing image: pull or build it, or set the store variable', () => {
    for (const text of [
      'pull access denied',
      'manifest unknown',
      'No such image: x',
      'repository does not exist',
    ]) {
      expect(startFailureHint('redis', 'redis:99', new Error(text), false)).toBe(
        'The image redis:99 is not available locally and cannot be pulled: pull or build it, or set DBC_REDIS_IMAGE to an image you have.',
      );
    }
  });

  it('a failed pull while the image is present is the reaper, unless Ryuk is off', () => {
    delete process.env.TESTCONTAINERS_RYUK_DISABLED;
    const hint = startFailureHint(
      'postgres',
      'postgres:17',
      new Error('failed to pull testcontainers/ryuk'),
      true,
    );
    expect(hint).toContain(
      "The image postgres:17 is present, so the failed pull is testcontainers' reaper (Ryuk).",
    );
    expect(hint).toContain('TESTCONTAINERS_RYUK_DISABLED=true');
    expect(hint).toContain('RYUK_CONTAINER_IMAGE');
    process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
    expect(startFailureHint('postgres', 'postgres:17', new Error('pull failed'), true)).toContain(
      'set DBC_POSTGRES_IMAGE to an image you have',
    );
  });

  it('a taken port: the configured one is named with its key, else any host port', () => {
    expect(
      startFailureHint(
        'mongodb',
        'mongo:8',
        new Error('Bind for 0.0.0.0:27017 failed: port is already allocated'),
        true,
        27017,
      ),
    ).toBe(
      'Host port 27017 (fixtures.mongodb.port) is taken by another process or container: free it, or choose another port (without one, a random free port is used).',
    );
    expect(startFailureHint('mongodb', 'mongo:8', new Error('listen: address already in use'), true)).toBe(
      'A host port is already taken: stop the other container, and run again.',
    );
  });

  it('a name conflict, an engine that stopped answering, a server that died, anything else', () => {
    expect(startFailureHint('qdrant', 'q', new Error('(HTTP code 409) Conflict'), true)).toMatch(
      /^A container of the same name exists: remove it \(docker rm -f <name>\)/,
    );
    for (const text of [
      'connect ECONNREFUSED /var/run/docker.sock',
      'socket hang up',
      'write EPIPE',
      'read ECONNRESET',
      'connect ENOENT /x.sock',
    ]) {
      expect(startFailureHint('qdrant', 'q', new Error(text), true)).toBe(
        'The Docker engine stopped answering during start: check `docker info`, then run again.',
      );
    }
    const died =
      'The server in the container failed during start: fix what its last log lines (below) point at, in fixtures.redis.command (a replaced server command), fixtures.redis.env or the image (DBC_REDIS_IMAGE), and run again.';
    expect(startFailureHint('redis', 'r', new Error('Container is not running'), true)).toBe(died);
    expect(startFailureHint('redis', 'r', new Error('container exited with code 1'), true)).toBe(died);
    expect(startFailureHint('redis', 'r', new Error('strange'), true, undefined, true)).toBe(died);
    expect(startFailureHint('redis', 'r', new Error('strange'), true)).toBe(
      'Check the container logs (docker logs) and the DBC_REDIS_IMAGE image.',
    );
  });

  it('reads a thrown non-Error too', () => {
    expect(startFailureHint('redis', 'r', 'socket hang up', true)).toContain(
      'Docker engine stopped answering',
    );
    expect(startFailureHint('redis', 'r', undefined, true)).toContain('Check the container logs');
  });
});

describe('images', () => {
  it('the store variable overrides the official image; blank counts as unset', () => {
    expect(resolveImage('qdrant', {})).toBe('qdrant/qdrant:v1.18.2');
    expect(resolveImage('qdrant', { DBC_QDRANT_IMAGE: ' local/qdrant:1 ' })).toBe('local/qdrant:1');
    expect(resolveImage('qdrant', { DBC_QDRANT_IMAGE: '  ' })).toBe('qdrant/qdrant:v1.18.2');
  });

  it('tells official MongoDB images (replica set module) from others', () => {
    for (const image of [
      'mongo',
      'mongo:8',
      'docker.io/library/mongo:7',
      'mongo@sha256:ab',
      'mongodb/mongodb-community-server:8.0-ubi9',
    ]) {
      expect(isOfficialMongoImage(image)).toBe(true);
    }
    for (const image of ['mongoose:1', 'bitnami/mongodb:8', 'local/mongo:8', 'mongodb/mongodb-atlas-local']) {
      expect(isOfficialMongoImage(image)).toBe(false);
    }
  });
});
