// The small Docker engine API client the crash-cleanup watcher uses, against this machine's engine
// (read-only here: it lists and removes nothing of anyone else's) and against a TCP server that
// accepts and never answers, as a hung engine does.
import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS } from '../../src/containers/container-labels.js';
import { engineRequest, listLabelled, removeContainer } from '../../src/containers/engine-api.js';

const docker = { socketPath: '/var/run/docker.sock' };
let hung: Server;
let hungPort = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  hung = createServer((socket) => sockets.push(socket));
  await new Promise<void>((done) => hung.listen(0, '127.0.0.1', done));
  hungPort = (hung.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((done) => hung.close(done));
});

describe('engine API client', () => {
  it('lists containers by label: the integration stack’s own, none for a label nobody carries', async () => {
    const managed = await listLabelled(docker, [`${LABELS.managed}=true`], 5000);
    expect(managed.length).toBeGreaterThanOrEqual(4);
    for (const container of managed) expect(container.Labels[LABELS.managed]).toBe('true');
    expect(await listLabelled(docker, [`${LABELS.run}=${randomUUID()}`], 5000)).toEqual([]);
  });

  it('removing a container that is already gone is fine; an answer is its status and body', async () => {
    await expect(removeContainer(docker, `dbc-gone-${randomUUID()}`, 5000)).resolves.toBeUndefined();
    // The engine's answer comes back as it is: status and body (here its refusal of an unknown filter).
    const refused = await engineRequest(
      docker,
      'GET',
      `/containers/json?filters=${encodeURIComponent('{"nope":["x"]}')}`,
      5000,
    );
    expect(refused).toEqual({ status: 400, body: expect.stringContaining("Invalid filter 'nope'") });
  });

  it('an engine that accepts and never answers fails after the bound', async () => {
    const started = performance.now();
    await expect(listLabelled({ host: '127.0.0.1', port: hungPort }, ['x=y'], 300)).rejects.toThrow(
      'no answer within 300 ms',
    );
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
