// Section 7: the machine, Node, the PostgreSQL server version, the images and the date; and
// section 6's memory of each container at rest (docker stats), taken right after the stack started.
import { cpus, freemem, totalmem, release, platform, loadavg } from 'node:os';
import pg from 'pg';
import type { StackInfo } from '../../src/public/index.js';
import { resolveImage } from '../../src/public/containers.js';
import { STORE_NAMES } from 'database-config/internal';
import { containerMemoryMb, dockerVersion, type FoundContainer } from '../lib/docker.js';
import { reps } from '../lib/env.js';
import type { Results } from '../lib/results.js';

export interface MachineInfo {
  date: string;
  cores: number;
  cpuModel: string;
  memoryMb: number;
  freeMemoryMbAtStart: number;
  loadAverageAtStart: number[];
  os: string;
  node: string;
  docker: string;
  postgresServerVersion: string;
  images: Record<string, string>;
}

export async function machineInfo(info: StackInfo): Promise<MachineInfo> {
  const client = new pg.Client({ connectionString: info.postgres!.url });
  await client.connect();
  const version = (await client.query('SHOW server_version')).rows[0].server_version as string;
  await client.end();
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? '?',
    memoryMb: Math.round(totalmem() / 2 ** 20),
    freeMemoryMbAtStart: Math.round(freemem() / 2 ** 20),
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    os: `${platform()} ${release()}`,
    node: process.version,
    docker: await dockerVersion(),
    postgresServerVersion: version,
    images: Object.fromEntries(STORE_NAMES.map((s) => [s, resolveImage(s)])),
  };
}

/** Memory of each store's container at rest (median of a few `docker stats` samples). */
export async function containerMemory(results: Results, containers: FoundContainer[]): Promise<void> {
  const samples: Record<string, number[]> = {};
  for (let i = 0; i < reps(3, 1); i += 1) {
    if (i > 0) await new Promise((r) => setTimeout(r, 1000));
    const memory = await containerMemoryMb(containers.map((c) => c.id));
    for (const c of containers) (samples[c.store ?? c.id] ??= []).push(memory[c.id] ?? Number.NaN);
  }
  for (const store of STORE_NAMES) results.median(`memory.container.${store}_mb`, samples[store] ?? []);
  results.note(
    'memory.container',
    'docker stats --no-stream MemUsage of each container of the main stack (example migrations and collections), idle, right after its start.',
  );
}

/**
 * Latency of one small Qdrant request on a kept-alive connection against a new connection each
 * time: a server that writes headers and body in two sends without TCP_NODELAY answers the
 * kept-alive requests a delayed-ACK (~40 ms) late. Explains the Qdrant figures of the stand-in.
 */
export async function qdrantLatency(results: Results, info: StackInfo): Promise<void> {
  const http = await import('node:http');
  const url = new URL('/collections', info.qdrant!.url);
  const get = (agent: InstanceType<typeof http.Agent>) =>
    new Promise<void>((resolve, reject) => {
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        })
        .on('error', reject);
    });
  const sample = async (agent: InstanceType<typeof http.Agent>) => {
    const times: number[] = [];
    for (let i = 0; i < reps(20, 5); i += 1) {
      const started = performance.now();
      await get(agent);
      times.push(performance.now() - started);
    }
    agent.destroy();
    return times;
  };
  results.median(
    'env.qdrant.get_keepalive_ms',
    await sample(new http.Agent({ keepAlive: true, maxSockets: 1 })),
  );
  results.median('env.qdrant.get_new_connection_ms', await sample(new http.Agent({ keepAlive: false })));
  results.note(
    'env.qdrant',
    'GET /collections on one kept-alive connection vs a new connection per request. On the offline Qdrant stand-in ' +
      '(images/qdrant/server.py: http.server, headers and body sent separately, Nagle on) kept-alive requests wait for the ' +
      "client's delayed ACK (~40 ms); every Qdrant figure here carries that, which the official Qdrant image would not.",
  );
}
