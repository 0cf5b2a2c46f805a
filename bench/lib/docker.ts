// The containers this benchmark creates, found by their labels or environment, their memory, and
// their removal. Only containers of this process or run are ever touched.
import { execFile } from 'node:child_process';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import { containerRuntime, LABELS } from '../../src/internal/bench.js';
import { RUN_ID } from './env.js';

const run = promisify(execFile);

/** Label put on containers the benchmark starts itself (outside startDatabaseStack). */
export const BENCH_LABEL = 'database-config.bench-run';
/** Environment variable put into reused containers' settings: part of their hash, so only this run attaches to them. */
export const BENCH_ENV = 'DBC_BENCH_RUN';

export interface FoundContainer {
  id: string;
  store: string | undefined;
  image: string;
}

async function dockerode() {
  return (await containerRuntime()).container.dockerode;
}

/** Containers this process started through startDatabaseStack (non-reuse: owner pid label). */
export async function ownContainers(): Promise<FoundContainer[]> {
  const docker = await dockerode();
  const list = await docker.listContainers({
    all: true,
    filters: {
      label: [
        `${LABELS.managed}=true`,
        `${LABELS.ownerPid}=${process.pid}`,
        `${LABELS.ownerHost}=${hostname()}`,
      ],
    },
  });
  return list.map((c) => ({ id: c.Id, store: c.Labels[LABELS.store], image: c.Image }));
}

/** Containers started with the run's own label (the snapshot baseline's PostgreSQL). */
export async function labelledContainers(): Promise<FoundContainer[]> {
  const docker = await dockerode();
  const list = await docker.listContainers({ all: true, filters: { label: [`${BENCH_LABEL}=${RUN_ID}`] } });
  return list.map((c) => ({ id: c.Id, store: c.Labels[LABELS.store], image: c.Image }));
}

/** Reused containers carrying this run's marker in their environment. */
export async function reusedContainers(): Promise<FoundContainer[]> {
  const docker = await dockerode();
  const list = await docker.listContainers({
    all: true,
    filters: { label: [`${LABELS.managed}=true`, 'org.testcontainers.container-hash'] },
  });
  const found: FoundContainer[] = [];
  for (const c of list) {
    const info = await docker
      .getContainer(c.Id)
      .inspect()
      .catch(() => undefined);
    if (info?.Config.Env?.includes(`${BENCH_ENV}=${RUN_ID}`))
      found.push({ id: c.Id, store: c.Labels[LABELS.store], image: c.Image });
  }
  return found;
}

/** Force-removes containers (with their anonymous volumes). */
export async function removeContainers(containers: FoundContainer[]): Promise<number> {
  const docker = await dockerode();
  await Promise.all(
    containers.map((c) =>
      docker
        .getContainer(c.id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
  return containers.length;
}

/** Removes every container of this run, whatever state it was left in; returns how many. */
export async function sweep(): Promise<number> {
  const all = [...(await ownContainers()), ...(await labelledContainers()), ...(await reusedContainers())];
  const unique = [...new Map(all.map((c) => [c.id, c])).values()];
  return removeContainers(unique);
}

const UNITS: Record<string, number> = {
  B: 1 / 2 ** 20,
  KiB: 1 / 1024,
  MiB: 1,
  GiB: 1024,
  kB: 1 / 1024,
  MB: 1,
  GB: 1024,
};

/** Memory in use of each container (MiB), as `docker stats --no-stream` shows it. */
export async function containerMemoryMb(ids: string[]): Promise<Record<string, number>> {
  if (ids.length === 0) return {};
  const { stdout } = await run('docker', [
    'stats',
    '--no-stream',
    '--format',
    '{{.ID}} {{.MemUsage}}',
    ...ids,
  ]);
  const result: Record<string, number> = {};
  for (const line of stdout.trim().split('\n')) {
    const match = /^(\S+)\s+([\d.]+)\s*([A-Za-z]+)\s*\//.exec(line.trim());
    if (!match) continue;
    const id = ids.find((full) => full.startsWith(match[1]!)) ?? match[1]!;
    result[id] = Number(match[2]) * (UNITS[match[3]!] ?? Number.NaN);
  }
  return result;
}

/** `docker version` of the engine. */
export async function dockerVersion(): Promise<string> {
  const { stdout } = await run('docker', ['version', '--format', '{{.Server.Version}}']).catch(() => ({
    stdout: '?',
  }));
  return stdout.trim();
}
