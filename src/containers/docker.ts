import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import debug from 'debug';
import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import { DockerUnavailableError } from '../errors.js';

const log = debug('database-config:containers');

/** Labels on every container this library starts; crash cleanup finds its orphans by them. */
export const LABELS = {
  managed: 'database-config.managed',
  store: 'database-config.store',
  run: 'database-config.run',
  ownerPid: 'database-config.owner-pid',
  ownerHost: 'database-config.owner-host',
} as const;

/** The container runtime, or a {@link DockerUnavailableError} saying what was tried and the ways out. */
export async function containerRuntime(): Promise<ContainerRuntimeClient> {
  try {
    return await getContainerRuntimeClient();
  } catch (error) {
    throw new DockerUnavailableError(describeTried(), error);
  }
}

function describeTried(): string {
  const socket = '/var/run/docker.sock';
  const parts = [process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : 'DOCKER_HOST (unset)'];
  parts.push(`${socket} (${existsSync(socket) ? 'exists, not answering' : 'absent'})`);
  if (process.env.TESTCONTAINERS_HOST_OVERRIDE)
    parts.push(`TESTCONTAINERS_HOST_OVERRIDE=${process.env.TESTCONTAINERS_HOST_OVERRIDE}`);
  return parts.join(', ');
}

/** Labels that tie a container to this run and this process. */
export function ownerLabels(runId: string, store: string): Record<string, string> {
  return {
    [LABELS.managed]: 'true',
    [LABELS.store]: store,
    [LABELS.run]: runId,
    [LABELS.ownerPid]: String(process.pid),
    [LABELS.ownerHost]: hostname(),
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes containers this library started for processes of this host that no longer exist
 * (killed runs, crashed workers). This is the crash cleanup when testcontainers' reaper (Ryuk)
 * is off or unavailable; reused containers carry no owner and are never touched.
 */
export async function removeOrphans(client: ContainerRuntimeClient): Promise<number> {
  const containers = await client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${LABELS.managed}=true`, `${LABELS.ownerHost}=${hostname()}`] },
  });
  const orphans = containers.filter((c) => {
    const pid = Number(c.Labels[LABELS.ownerPid]);
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  });
  for (const c of orphans) {
    log(
      'removing orphan %s (%s) of dead process %s',
      c.Id.slice(0, 12),
      c.Labels[LABELS.store],
      c.Labels[LABELS.ownerPid],
    );
  }
  await removeContainers(client, orphans);
  return orphans.length;
}

/** Removes containers with their volumes, whatever their state; one that is already gone is fine. */
async function removeContainers(client: ContainerRuntimeClient, containers: { Id: string }[]): Promise<void> {
  await Promise.all(
    containers.map((c) =>
      client.container.dockerode
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
}

/** Removes the containers of one store of a run (those a failed start left created or running). */
export async function removeRunContainers(
  client: ContainerRuntimeClient,
  runId: string,
  store: string,
): Promise<void> {
  const containers = await client.container.dockerode
    .listContainers({
      all: true,
      filters: { label: [`${LABELS.run}=${runId}`, `${LABELS.store}=${store}`] },
    })
    .catch(() => []);
  await removeContainers(client, containers);
}
