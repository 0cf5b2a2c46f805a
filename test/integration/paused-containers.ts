import type { StartedTestContainer } from 'testcontainers';
import { afterAll } from 'vitest';
import { containerRuntime } from '../../src/containers/docker.js';

/** `docker pause` / `docker unpause` of a container a test started. */
export async function docker(action: 'pause' | 'unpause', container: StartedTestContainer): Promise<void> {
  const engine = (await containerRuntime()).container.dockerode;
  await engine.getContainer(container.getId())[action]();
}

/**
 * The containers a file starts in order to freeze them: push each one into the returned list;
 * after the file they are unpaused (if paused) and removed.
 */
export function pausableContainers(): StartedTestContainer[] {
  const started: StartedTestContainer[] = [];
  afterAll(async () => {
    await Promise.all(
      started.map(async (container) => {
        await docker('unpause', container).catch(() => undefined);
        await container.stop({ remove: true, removeVolumes: true });
      }),
    );
  });
  return started;
}
