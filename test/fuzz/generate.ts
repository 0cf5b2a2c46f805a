// Writes the isolation fuzz's test files from a seed: each file gets a random file-level
// isolation override (or none), maybe a beforeAll writing known data to random stores, describes
// (nested at most once) with random overrides and beforeAlls, and tests doing random writes of
// every kind to every store. Every test first checks, from connections of its own, that every
// store is at the template plus what its file wrote outside tests (test/fuzz/kit.ts).
// Usage: tsx test/fuzz/generate.ts [--seed 1] [--files 8] [--tests 8]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  OP_KINDS,
  OWN_CONNECTION_OPS,
  type OpKind,
  type OutsideWrites,
  type PostgresStrategy,
} from './plan.js';

type MongodbStrategy = 'clean' | 'drop';
interface Isolation {
  postgres?: PostgresStrategy;
  mongodb?: MongodbStrategy;
}

/** What to generate. */
export interface GenerateOptions {
  seed: number;
  files: number;
  testsPerFile: number;
  /** Where the files go (emptied first). */
  dir: string;
}

/** The folder generated files go to for a seed (git-ignored). */
export const generatedDir = (seed: number) =>
  fileURLToPath(new URL(`./.generated/${seed}/`, import.meta.url));

/** mulberry32: a small seeded PRNG, so a seed always gives the same files. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Random = ReturnType<typeof prng>;

function randomIsolation(r: Random, p: number): Isolation | undefined {
  if (!r.chance(p)) return undefined;
  const isolation: Isolation = {};
  if (r.chance(0.75)) isolation.postgres = r.pick(['transaction', 'truncate', 'fresh'] as const);
  if (r.chance(0.5)) isolation.mongodb = r.pick(['clean', 'drop'] as const);
  return Object.keys(isolation).length > 0 ? isolation : undefined;
}

/** Writes outside tests: a few rows, documents, keys and points in random stores (sizes small and known). */
function randomOutsideWrites(r: Random, scope: string, pointBase: number, size: number): OutsideWrites {
  const n = () => (r.chance(0.6) ? r.int(1, size) : 0);
  const w: OutsideWrites = { scope, pointBase };
  if (r.chance(0.7)) Object.assign(w, { users: n(), categories: n(), tags: n(), coupons: n() });
  if (r.chance(0.4)) w.failedInserts = r.int(1, 2);
  if (r.chance(0.6)) Object.assign(w, { reviews: n(), events: n() });
  if (r.chance(0.3)) w.newCollection = r.int(1, size);
  if (r.chance(0.2)) w.mongoIndex = true;
  if (r.chance(0.6)) w.redisKeys = r.int(1, size);
  if (r.chance(0.6)) w.points = { products: n(), reviews: n() };
  if (r.chance(0.2)) w.payloadIndex = true;
  return w;
}

interface TestNode {
  kind: 'test';
  name: string;
  plan: { id: string; strategy: PostgresStrategy; ops: OpKind[] };
}
interface DescribeNode {
  kind: 'describe';
  name: string;
  isolation?: Isolation;
  beforeAll?: OutsideWrites;
  children: Node[];
}
type Node = TestNode | DescribeNode;

const q = (value: unknown) => JSON.stringify(value).replaceAll('"', "'");

function render(nodes: Node[], indent: string, out: string[]) {
  for (const node of nodes) {
    out.push('');
    if (node.kind === 'test') {
      out.push(`${indent}test(${q(node.name)}, async ({ db, prisma, mongo, redis, qdrant }) => {`);
      out.push(`${indent}  await runTest({ db, prisma, mongo, redis, qdrant }, state, ${q(node.plan)});`);
      out.push(`${indent}});`);
      continue;
    }
    out.push(`${indent}describe(${q(node.name)}, () => {`);
    if (node.isolation) out.push(`${indent}  test.override({ isolation: ${q(node.isolation)} });`);
    if (node.beforeAll) {
      out.push(`${indent}  test.beforeAll(async ({ dbFile }) => {`);
      out.push(`${indent}    await writeOutside(dbFile, state, ${q(node.beforeAll)});`);
      out.push(`${indent}  });`);
    }
    render(node.children, `${indent}  `, out);
    out.push(`${indent}});`);
  }
}

/** One file's source. */
function generateFile(r: Random, seed: number, index: number, tests: number): string {
  const file = `f${String(index).padStart(2, '0')}`;
  const fileIsolation = randomIsolation(r, 0.6);
  const fileBeforeAll = r.chance(0.6)
    ? randomOutsideWrites(r, `${seed}-${file}`, index * 1000, 3)
    : undefined;
  const top: Node[] = [];
  // Describes, some nested once: [node, declarations in force].
  const containers: [Node[], Isolation[], string][] = [[top, fileIsolation ? [fileIsolation] : [], file]];
  const describes = Math.min(r.int(0, 3), tests);
  for (let d = 1; d <= describes; d += 1) {
    const [parent, layers, parentName] = r.chance(0.3) ? r.pick(containers) : containers[0]!;
    const node: DescribeNode = { kind: 'describe', name: `${parentName} d${d}`, children: [] };
    const isolation = randomIsolation(r, 0.7);
    if (isolation) node.isolation = isolation;
    if (r.chance(0.3))
      node.beforeAll = randomOutsideWrites(r, `${seed}-${file}d${d}`, index * 1000 + d * 100, 2);
    parent.push(node);
    containers.push([node.children, isolation ? [...layers, isolation] : layers, node.name]);
  }
  for (let t = 1; t <= tests; t += 1) {
    // Every describe gets a test first (Vitest fails a describe without one), then anywhere.
    const [parent, layers, parentName] = t <= describes ? containers[t]! : r.pick(containers);
    const strategy = layers.reduce<PostgresStrategy>((s, layer) => layer.postgres ?? s, 'transaction');
    // Committing through a connection of the test's own is undone only where the strategy allows it.
    const kinds = OP_KINDS.filter((k) => strategy !== 'transaction' || !OWN_CONNECTION_OPS.includes(k));
    const ops = Array.from({ length: r.int(2, 7) }, () => r.pick(kinds));
    const id = `${seed}-${file}-t${String(t).padStart(2, '0')}`;
    // Inserted at a random place among the container's nodes, so tests and describes interleave.
    const node: TestNode = { kind: 'test', name: `${parentName} t${t}`, plan: { id, strategy, ops } };
    parent.splice(r.int(0, parent.length), 0, node);
  }
  const hasDescribe = describes > 0;
  const out = [
    `// Generated by test/fuzz/generate.ts (seed ${seed}, file ${index}). Do not edit: regenerate.`,
    `import { afterAll${hasDescribe ? ', describe' : ''} } from 'vitest';`,
    `import { test } from '../../../isolation/db.js';`,
    `import { closeOutside, newFileState, runTest${fileBeforeAll || hasDescribe ? ', writeOutside' : ''} } from '../../kit.js';`,
    '',
    'const state = newFileState();',
    'afterAll(closeOutside);',
  ];
  if (fileIsolation) out.push(`test.override({ isolation: ${q(fileIsolation)} });`);
  if (fileBeforeAll) {
    out.push('', 'test.beforeAll(async ({ dbFile }) => {');
    out.push(`  await writeOutside(dbFile, state, ${q(fileBeforeAll)});`, '});');
  }
  render(top, '', out);
  // writeOutside imported for describes that have no beforeAll: keep the import used.
  const source = `${out.join('\n')}\n`;
  return source.includes('writeOutside(') ? source : source.replace(', writeOutside } from', ' } from');
}

/** Writes the files; returns their paths. */
export function generate(options: GenerateOptions): string[] {
  const r = prng(options.seed);
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(options.dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 1; i <= options.files; i += 1) {
    const path = join(options.dir, `f${String(i).padStart(2, '0')}.test.ts`);
    writeFileSync(path, generateFile(r, options.seed, i, options.testsPerFile));
    paths.push(path);
  }
  return paths;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      files: { type: 'string', default: '8' },
      tests: { type: 'string', default: '8' },
    },
  });
  const seed = Number(values.seed);
  const paths = generate({
    seed,
    files: Number(values.files),
    testsPerFile: Number(values.tests),
    dir: generatedDir(seed),
  });
  process.stdout.write(`${paths.length} files in ${generatedDir(seed)}\n`);
}
