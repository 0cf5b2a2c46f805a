import { QdrantClient } from '@qdrant/js-client-rest';
import { getContainerRuntimeClient } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../src/containers/container-labels.js';
import { QDRANT_STORAGE_DIR } from '../../src/containers/qdrant/qdrant-container.js';
import { startDatabaseStack, type StartedDatabaseStack } from '../../src/containers/stack.js';
import { defineDatabaseFixtures } from '../../src/setup/fixture-config.js';

const quiet = { progress: () => undefined };

/** The stack's Qdrant container, as the engine reports it. */
async function inspectQdrant(stack: StartedDatabaseStack) {
  const client = await getContainerRuntimeClient();
  const [container] = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${LABELS.run}=${stack.info.runId}`, `${LABELS.store}=qdrant`] },
  });
  expect(container, `no Qdrant container of run ${stack.info.runId}`).toBeDefined();
  return client.container.dockerode.getContainer(container!.Id).inspect();
}

/** A collection created with no settings of its own: the server's defaults. */
async function defaultsOf(stack: StartedDatabaseStack) {
  const qdrant = new QdrantClient({ url: stack.info.qdrant!.url, checkCompatibility: false });
  await qdrant.createCollection('probe', { vectors: { size: 4, distance: 'Cosine' } });
  await qdrant.upsert('probe', { wait: true, points: [{ id: 1, vector: [1, 0, 0, 0], payload: { a: 1 } }] });
  expect((await qdrant.count('probe', { exact: true })).count).toBe(1);
  return (await qdrant.getCollection('probe')).config;
}

describe('test-grade Qdrant', () => {
  it('has its storage on tmpfs, a 2 MB WAL and payloads in RAM by default; testGrade: false keeps Qdrant defaults', async () => {
    const [testGrade, plain] = await Promise.all([
      startDatabaseStack(defineDatabaseFixtures({ qdrant: {} }), quiet),
      startDatabaseStack(defineDatabaseFixtures({ qdrant: { testGrade: false } }), quiet),
    ]);
    try {
      const [graded, ungraded] = await Promise.all([inspectQdrant(testGrade), inspectQdrant(plain)]);
      expect(Object.keys(graded.HostConfig.Tmpfs ?? {})).toContain(QDRANT_STORAGE_DIR);
      expect(graded.Config.Env).toEqual(
        expect.arrayContaining([
          'QDRANT__STORAGE__WAL__WAL_CAPACITY_MB=2',
          'QDRANT__STORAGE__ON_DISK_PAYLOAD=false',
          'QDRANT__TELEMETRY_DISABLED=true',
        ]),
      );
      expect(ungraded.HostConfig.Tmpfs ?? {}).toEqual({});
      expect(ungraded.Config.Env?.filter((e) => e.startsWith('QDRANT__STORAGE__'))).toEqual([]);

      const [gradedConfig, ungradedConfig] = await Promise.all([defaultsOf(testGrade), defaultsOf(plain)]);
      expect(gradedConfig.wal_config?.wal_capacity_mb).toBe(2);
      expect(gradedConfig.params.on_disk_payload).toBe(false);
      expect(gradedConfig.optimizer_config.default_segment_number).toBe(1);
      expect(ungradedConfig.wal_config?.wal_capacity_mb).toBe(32);
      expect(ungradedConfig.params.on_disk_payload).toBe(true);
      expect(ungradedConfig.optimizer_config.default_segment_number).toBe(0);
    } finally {
      await Promise.all([testGrade.stop(), plain.stop()]);
    }
  });

  it("lets the user's env win over a test-grade setting", async () => {
    await using stack = await startDatabaseStack(
      defineDatabaseFixtures({ qdrant: { env: { QDRANT__STORAGE__WAL__WAL_CAPACITY_MB: '4' } } }),
      quiet,
    );
    expect(Object.keys((await inspectQdrant(stack)).HostConfig.Tmpfs ?? {})).toContain(QDRANT_STORAGE_DIR);
    expect((await defaultsOf(stack)).wal_config?.wal_capacity_mb).toBe(4);
  });
});
