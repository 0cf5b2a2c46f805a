import { existsSync, readFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import debug from 'debug';
import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import { maskUrl } from 'database-config/internal';
import { DockerUnavailableError } from 'database-config/internal';
import { isAlive, LABELS } from './container-labels.js';
import { endpointFromDockerHost, endpointOfModem, engineRequest, type EngineEndpoint } from './engine-api.js';

const log = debug('database-config:containers');

/** How long the engine DOCKER_HOST names may take to answer a ping. */
const DOCKER_HOST_PING_MS = 5_000;

/**
 * The container runtime, or a {@link DockerUnavailableError} saying what was tried and the ways out.
 * With DOCKER_HOST set, that engine must answer: testcontainers would try the local socket next,
 * silently, so it is pinged first, and the client testcontainers settles on must be that engine.
 */
export async function containerRuntime(): Promise<ContainerRuntimeClient> {
  const dockerHost = process.env.DOCKER_HOST?.trim() || undefined;
  const endpoint = dockerHost ? await checkDockerHost(dockerHost) : undefined;
  let client: ContainerRuntimeClient;
  try {
    client = await getContainerRuntimeClient();
  } catch (error) {
    if (dockerHost)
      throw new DockerUnavailableError(`DOCKER_HOST=${maskUrl(dockerHost)}`, error, maskUrl(dockerHost));
    throw new DockerUnavailableError(describeTried(), error);
  }
  if (dockerHost && endpoint && !tcHostConfigured()) {
    const used = endpointOfModem(client.container.dockerode.modem as Parameters<typeof endpointOfModem>[0]);
    const same =
      used &&
      (used.socketPath ?? `${used.host}:${used.port}`) ===
        (endpoint.socketPath ?? `${endpoint.host}:${endpoint.port}`);
    if (!same) {
      const where = used?.socketPath ?? (used ? `${used.host}:${used.port}` : 'another engine');
      throw new DockerUnavailableError(
        `DOCKER_HOST=${maskUrl(dockerHost)}`,
        new Error(
          `it answered a ping, but testcontainers uses ${where} instead (DOCKER_HOST failed testcontainers' own check, or it made its client before DOCKER_HOST was set in this process; DEBUG=testcontainers* tells which)`,
        ),
        maskUrl(dockerHost),
      );
    }
  }
  return client;
}

/** testcontainers' `tc.host` (~/.testcontainers.properties) takes precedence over DOCKER_HOST. */
function tcHostConfigured(): boolean {
  const file = join(homedir(), '.testcontainers.properties');
  return existsSync(file) && /^\s*tc\.host\s*[=:]/m.test(readFileSync(file, 'utf8'));
}

/** Pings the engine DOCKER_HOST names; its endpoint, or a {@link DockerUnavailableError}. */
async function checkDockerHost(dockerHost: string): Promise<EngineEndpoint | undefined> {
  const masked = maskUrl(dockerHost);
  const fail = (what: string, cause: unknown) =>
    new DockerUnavailableError(`DOCKER_HOST=${masked} (${what})`, cause, masked);
  let endpoint: EngineEndpoint | undefined;
  try {
    endpoint = endpointFromDockerHost(dockerHost);
  } catch (error) {
    throw fail('not a URL', error);
  }
  // ssh:// and npipe:// are left to testcontainers.
  if (!endpoint) return undefined;
  const target = endpoint.socketPath ? `socket ${endpoint.socketPath}` : `${endpoint.host}:${endpoint.port}`;
  if (endpoint.socketPath && !existsSync(endpoint.socketPath)) {
    throw fail(target, new Error(`socket ${endpoint.socketPath} does not exist`));
  }
  const answer = await engineRequest(endpoint, 'GET', '/_ping', DOCKER_HOST_PING_MS).catch(
    (error: unknown) => {
      throw fail(`${target}, GET /_ping`, error);
    },
  );
  if (answer.status !== 200) {
    throw fail(
      `${target}, GET /_ping`,
      new Error(`it answered HTTP ${answer.status}: ${answer.body.trim().slice(0, 200)}`),
    );
  }
  log('DOCKER_HOST %s answers', masked);
  return endpoint;
}

function describeTried(): string {
  const socket = '/var/run/docker.sock';
  const parts = [process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : 'DOCKER_HOST (unset)'];
  parts.push(`${socket} (${existsSync(socket) ? 'exists, not answering' : 'absent'})`);
  if (process.env.TESTCONTAINERS_HOST_OVERRIDE)
    parts.push(`TESTCONTAINERS_HOST_OVERRIDE=${process.env.TESTCONTAINERS_HOST_OVERRIDE}`);
  return parts.join(', ');
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
