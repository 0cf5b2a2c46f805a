import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import type { ContainerRuntimeClient } from 'testcontainers';
import { isAlive, LABELS } from '../containers/container-labels.js';
import { keptData } from '../fixtures/report.js';
import { reportDir } from '../containers/run-folder.js';
import { STORE_NAMES, type StoreName } from 'database-config/internal';
import { STORE_URLS } from './container-urls.js';

/**
 * What a container of this library is to its run:
 * - `running`: its owner process (the test run that started it) is alive;
 * - `reused`: started with reuse (no owner): it waits for the next run;
 * - `kept`: the owner is gone and the run kept a failed test's data in it;
 * - `orphaned`: the owner is gone, nothing was kept (the next run's start would remove it);
 * - `other-host`: the owner ran on another host; whether it is alive cannot be told from here.
 */
export type ContainerKind = 'running' | 'reused' | 'kept' | 'orphaned' | 'other-host';

/** The kinds `clean` removes. */
export const REMOVABLE_KINDS: readonly ContainerKind[] = ['kept', 'reused', 'orphaned'];

/** One container this library started, as `status` shows it. */
export interface ManagedContainer {
  id: string;
  name: string;
  store: string;
  image: string;
  /** Docker's state: running, exited, created, ... */
  state: string;
  /** Docker's status text, e.g. "Up 5 minutes". */
  status: string;
  createdAt: string;
  ageSeconds: number;
  kind: ContainerKind;
  runId?: string;
  ownerPid?: number;
  ownerHost?: string;
  /** The connection URL on this host (with the container's throwaway test credentials), when its port is published. */
  url?: string;
  /** The run's report folder on this host, when it exists (kept data notes are there). */
  reportDir?: string;
}

function kindOf(labels: Record<string, string>): ContainerKind {
  const pid = Number(labels[LABELS.ownerPid]);
  const runId = labels[LABELS.run];
  if (!labels[LABELS.ownerPid] || !Number.isInteger(pid) || pid <= 0) return 'reused';
  if (labels[LABELS.ownerHost] !== hostname()) return 'other-host';
  if (isAlive(pid)) return 'running';
  return runId && keptData(runId) ? 'kept' : 'orphaned';
}

const isStore = (store: string | undefined): store is StoreName =>
  (STORE_NAMES as readonly string[]).includes(store ?? '');

/** Every container on this engine labelled `database-config.managed=true`, oldest first. */
export async function listManagedContainers(client: ContainerRuntimeClient): Promise<ManagedContainer[]> {
  const dockerode = client.container.dockerode;
  const host = client.info.containerRuntime.host;
  const summaries = await dockerode.listContainers({
    all: true,
    filters: { label: [`${LABELS.managed}=true`] },
  });
  const now = Date.now();
  const containers = await Promise.all(
    summaries.map(async (c): Promise<ManagedContainer | undefined> => {
      // Env and Cmd (for the credentials) are only in the inspection; a container gone meanwhile is left out.
      const inspected = await dockerode
        .getContainer(c.Id)
        .inspect()
        .catch(() => undefined);
      if (!inspected) return undefined;
      const labels = c.Labels ?? {};
      const store = labels[LABELS.store] ?? '?';
      const runId = labels[LABELS.run];
      const pid = Number(labels[LABELS.ownerPid]);
      let url: string | undefined;
      if (isStore(store)) {
        const { port, url: build } = STORE_URLS[store];
        const published = c.Ports.filter((p) => p.PrivatePort === port && p.PublicPort);
        const mapped = published.find((p) => !p.IP?.includes(':')) ?? published[0];
        const env = Object.fromEntries(
          (inspected.Config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
        );
        if (mapped?.PublicPort)
          url = build({ host, port: mapped.PublicPort, env, command: inspected.Config.Cmd ?? [] });
      }
      const dir = runId ? reportDir(runId) : undefined;
      return {
        id: c.Id,
        name: c.Names[0]?.replace(/^\//, '') ?? '',
        store,
        image: c.Image,
        state: c.State,
        status: c.Status,
        createdAt: new Date(c.Created * 1000).toISOString(),
        ageSeconds: Math.max(0, Math.round(now / 1000 - c.Created)),
        kind: kindOf(labels),
        ...(runId ? { runId } : {}),
        ...(Number.isInteger(pid) && pid > 0 ? { ownerPid: pid } : {}),
        ...(labels[LABELS.ownerHost] ? { ownerHost: labels[LABELS.ownerHost] } : {}),
        ...(url ? { url } : {}),
        ...(dir && existsSync(dir) ? { reportDir: dir } : {}),
      };
    }),
  );
  return containers
    .filter((c): c is ManagedContainer => c !== undefined)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
