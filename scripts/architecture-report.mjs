#!/usr/bin/env node
// Prints the figures the store-contract redesign is judged by: the largest source files, the
// import graph between the testing package's folders (with cycles and core -> runner-adapter
// arrows flagged), the places a store name is special-cased outside its own folders, and the
// lines of each runner adapter. Usage: node scripts/architecture-report.mjs [--json]
// Hand-written: dependency-cruiser and madge graph files, not folders, and know nothing of this
// project's layer rule (runner adapters above the core) or of its store folders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const STORES = ['postgres', 'mongodb', 'redis', 'qdrant'];
const SOURCES = ['src', 'packages/database-config/src'];

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else if (/\.(ts|mts|cts)$/.test(name) && !/\.test(-d)?\.ts$/.test(name) && !name.endsWith('.d.ts'))
      out.push(path);
  }
  return out;
}

const files = SOURCES.flatMap((dir) => walk(join(ROOT, dir)));
const rel = (path) => relative(ROOT, path).split(sep).join('/');
const lines = (path) => readFileSync(path, 'utf8').split('\n').length;

/** A runner adapter: a file or folder of the testing package named for Vitest or Jest. */
const isAdapter = (path) => path.startsWith('src/') && /(^|\/|-)(vitest|jest)([-./]|$)/.test(path);

/** The folder node of a testing-package file: `src/<folder>`, adapters apart. */
function folderOf(path) {
  if (!path.startsWith('src/')) return 'database-config';
  const parts = path.split('/');
  const folder = parts.length > 2 ? parts[1] : '(root)';
  return isAdapter(path) ? `${folder} [adapter]` : folder;
}

const graph = new Map();
for (const file of files.map(rel).filter((f) => f.startsWith('src/'))) {
  const text = readFileSync(join(ROOT, file), 'utf8');
  for (const [, spec] of text.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)) {
    let target;
    if (spec.startsWith('.')) target = rel(resolve(ROOT, dirname(file), spec));
    else if (spec.startsWith('database-config')) target = 'packages/database-config/src';
    else continue;
    const from = folderOf(file);
    const to = folderOf(target.replace(/\.js$/, '.ts'));
    if (from === to) continue;
    const key = `${from} -> ${to}`;
    graph.set(key, (graph.get(key) ?? 0) + 1);
  }
}

function cycles() {
  const edges = new Map();
  for (const key of graph.keys()) {
    const [from, to] = key.split(' -> ');
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
  }
  const found = new Set();
  const visit = (node, path) => {
    for (const next of edges.get(node) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const cycle = path.slice(at);
        const start = cycle.indexOf([...cycle].sort()[0]);
        found.add([...cycle.slice(start), ...cycle.slice(0, start), cycle[start]].join(' -> '));
      } else visit(next, [...path, next]);
    }
  };
  for (const node of edges.keys()) visit(node, [node]);
  return [...found];
}

const STORE_PATTERN = new RegExp(
  `['"\`](${STORES.join('|')})['"\`]|\\.(${STORES.join('|')})\\b(?!-)|\\b(${STORES.join('|')})\\s*[:?]\\s*[^:]`,
  'g',
);
/** Lines naming a store outside that store's own folders and files (comments excluded). */
function storeSpecialCases() {
  const counts = {};
  for (const file of files.map(rel)) {
    const text = readFileSync(join(ROOT, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:])\/\/.*$/gm, '$1');
    let count = 0;
    for (const line of text.split('\n')) {
      for (const match of line.matchAll(STORE_PATTERN)) {
        const store = match[1] ?? match[2] ?? match[3];
        if (!file.includes(`/${store}/`) && !file.includes(`${store}-`)) count += 1;
      }
    }
    if (count > 0) counts[file] = count;
  }
  return counts;
}

const largest = files
  .map((f) => ({ file: rel(f), lines: lines(f) }))
  .sort((a, b) => b.lines - a.lines)
  .slice(0, 12);
const adapters = files
  .map(rel)
  .filter(isAdapter)
  .map((file) => ({ file, lines: lines(join(ROOT, file)) }));
const special = storeSpecialCases();
const edges = [...graph.entries()].sort().map(([edge, imports]) => ({ edge, imports }));
const backwards = edges.filter(({ edge }) => {
  const [from, to] = edge.split(' -> ');
  return !from.includes('[adapter]') && to.includes('[adapter]');
});
const report = {
  largest,
  edges,
  cycles: cycles(),
  coreToAdapter: backwards,
  storeSpecialCases: {
    total: Object.values(special).reduce((a, b) => a + b, 0),
    files: Object.keys(special).length,
    byFile: special,
  },
  adapters,
};

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const print = (title, rows) =>
    process.stdout.write(`\n${title}\n${rows.map((r) => `  ${r}`).join('\n')}\n`);
  print(
    'Largest files',
    largest.map(({ file, lines }) => `${String(lines).padStart(5)}  ${file}`),
  );
  print(
    'Imports between folders',
    edges.map(({ edge, imports }) => `${edge} (${imports})`),
  );
  print('Folder cycles', report.cycles.length ? report.cycles : ['none']);
  print('Core -> runner adapter', backwards.length ? backwards.map((b) => b.edge) : ['none']);
  print(
    `Store names special-cased outside their folders: ${report.storeSpecialCases.total} in ${report.storeSpecialCases.files} files`,
    Object.entries(special)
      .sort((a, b) => b[1] - a[1])
      .map(([file, n]) => `${String(n).padStart(4)}  ${file}`),
  );
  print(
    'Runner adapters',
    adapters.map(({ file, lines }) => `${String(lines).padStart(5)}  ${file}`),
  );
}
