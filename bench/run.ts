// `npm run bench`: measures the plugin against naive baselines and writes bench/results.json.
// Sections run one after the other on one reused stack (containers carrying this run's marker),
// and everything created is removed at the end, on failure and on Ctrl-C.
//   --quick         small repetition counts (development)
//   --only=a,b      run some sections: start, worker_db, reset, scaling, memory, monitor, suite, files, peer
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, prepareEnv, QUICK, RUN_ID, selectedSections, TMP_DIR } from './lib/env.js';

prepareEnv();

const { cleanupOnSignals, cleanupScope, onCleanup, runCleanup } = await import('./lib/cleanup.js');
const { Results } = await import('./lib/results.js');
const { evaluate, formatTable } = await import('./lib/report.js');
const { ownContainers, sweep } = await import('./lib/docker.js');
const { exampleConfig } = await import('./lib/example.js');
const { startTracked } = await import('./lib/stack.js');
const { startSection } = await import('./sections/start.js');
const { machineInfo, containerMemory, qdrantLatency } = await import('./sections/machine.js');
const { workerDbSection } = await import('./sections/worker-db.js');
const { resetSection } = await import('./sections/reset.js');
const { scalingSection } = await import('./sections/scaling.js');
const { memorySection } = await import('./sections/memory.js');
const { monitorSection } = await import('./sections/monitor.js');
const { suiteSection } = await import('./sections/suite.js');
const { filesSection } = await import('./sections/files.js');
const { peerSection } = await import('./sections/peer.js');
const { REQUIRED_KEYS } = await import('./lib/keys.js');

const log = (line: string) => process.stderr.write(`${line}\n`);
const began = performance.now();
const results = new Results();
cleanupOnSignals();
mkdirSync(TMP_DIR, { recursive: true });
// BENCH_KEEP_TMP=true keeps the generated suites and their logs (debugging).
if (process.env.BENCH_KEEP_TMP !== 'true')
  onCleanup('remove scratch folder', () => rmSync(TMP_DIR, { recursive: true, force: true }));
// Last resort (runs last): any container of this run still there.
onCleanup('sweep containers', async () => {
  const removed = await sweep();
  if (removed > 0) log(`bench: removed ${removed} leftover container(s)`);
});

const SECTIONS = [
  'start',
  'worker_db',
  'reset',
  'scaling',
  'memory',
  'monitor',
  'suite',
  'files',
  'peer',
] as const;
const selected = selectedSections(SECTIONS);
log(`bench: run ${RUN_ID}${QUICK ? ' (quick)' : ''}, sections ${selected.join(', ')}`);

/** Runs a section; a failure is recorded and the run goes on. What it leaves is removed when it ends. */
async function section(name: string, fn: () => Promise<unknown>) {
  const started = performance.now();
  const scope = cleanupScope();
  log(`bench: ${name}...`);
  try {
    await fn();
  } catch (error) {
    const message = (error as Error).stack ?? String(error);
    results.errors.push({ section: name, message });
    log(`bench: section ${name} failed: ${message}`);
  } finally {
    await scope.close();
  }
  results.sectionSeconds[name] = Math.round((performance.now() - started) / 100) / 10;
}

let machine: Awaited<ReturnType<typeof machineInfo>> | undefined;
let exitCode = 0;
try {
  if (selected.includes('start')) await section('start', () => startSection(results, log));
  // The main stack of the in-process sections: not reused, so nothing else on the machine touches it.
  const main = await startTracked(exampleConfig());
  const stack = main.stack.info;
  await section('memory.container', async () => containerMemory(results, await ownContainers()));
  machine = await machineInfo(stack);
  await section('env.qdrant', () => qdrantLatency(results, stack));
  if (selected.includes('worker_db')) await section('worker_db', () => workerDbSection(results, stack, log));
  if (selected.includes('reset')) await section('reset', () => resetSection(results, stack, log));
  if (selected.includes('scaling')) await section('scaling', () => scalingSection(results, stack, log));
  if (selected.includes('memory')) await section('memory', () => memorySection(results, stack, log));
  if (selected.includes('monitor')) await section('monitor', () => monitorSection(results, stack, log));
  await main.stop();
  if (selected.includes('suite')) await section('suite', () => suiteSection(results, log, began));
  if (selected.includes('files')) await section('files', () => filesSection(results, log));
  if (selected.includes('peer')) await section('peer', () => peerSection(results, log));
} catch (error) {
  exitCode = 1;
  results.errors.push({ section: 'run', message: (error as Error).stack ?? String(error) });
  log(`bench: failed: ${(error as Error).stack ?? error}`);
} finally {
  const cleanupStarted = performance.now();
  await runCleanup();
  results.sectionSeconds.cleanup = Math.round((performance.now() - cleanupStarted) / 100) / 10;
}

results.missing(REQUIRED_KEYS);
if (machine) Object.assign(machine, { loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100) });
const evaluation = evaluate(results);
const seconds = Math.round((performance.now() - began) / 100) / 10;
const output = {
  ...results.figures,
  ratios: evaluation.ratios,
  targets: evaluation.targets,
  stats: results.stats,
  notes: results.notes,
  machine,
  run: { id: RUN_ID, quick: QUICK, sections: selected, seconds, sectionSeconds: results.sectionSeconds },
  errors: results.errors,
};
writeFileSync(join(BENCH_DIR, 'results.json'), `${JSON.stringify(output, null, 2)}\n`);
process.stdout.write(`${formatTable(results, evaluation)}\n\n`);
if (machine)
  process.stdout.write(
    `machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryMb} MB, ${machine.os}, Node ${machine.node}, ` +
      `Docker ${machine.docker}, PostgreSQL ${machine.postgresServerVersion}\nimages: ${Object.values(machine.images).join(', ')}\n`,
  );
process.stdout.write(
  `total ${seconds} s (${Object.entries(results.sectionSeconds)
    .map(([k, v]) => `${k} ${v} s`)
    .join(', ')})\n`,
);
if (results.errors.length > 0) {
  process.stdout.write(
    `${results.errors.length} section(s) failed: ${results.errors.map((e) => e.section).join(', ')} (see results.json errors)\n`,
  );
  exitCode = 1;
}
process.stdout.write(`results: bench/results.json\n`);
process.exit(exitCode);
