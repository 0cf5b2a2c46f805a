// Raw V8 coverage (the files Node writes to NODE_V8_COVERAGE) of the Jest runs, turned into Istanbul
// data of src/** with the same converter and parser Vitest's V8 provider uses (ast-v8-to-istanbul over
// vitest/node's parseAstAsync), so the maps of the suites merge statement by statement.
//
// Jest runs two kinds of this project's code: the built package (dist/*.js and *.cjs, mapped back to
// src/ through the .map files tsup writes) and src/*.ts itself, which the examples' factories import
// by relative path and @swc/jest compiles (mapped through the inline map of that compilation, redone
// here with the transform options of the Jest config that ran it).
// The other processes the suites start (the CLI as `node dist/cli.js` or through tsx, the run watcher,
// child `vitest run`/`jest` runs of test/fixtures) write raw files too: dist/ is mapped as above, a
// src/*.ts file run by tsx through the source map Node recorded in the file's `source-map-cache` and
// the code tsx compiled, found in tsx's transform cache (same line lengths and same mappings).
// Scripts with no file name (Vite's module runner in Vitest's main process evaluates modules with
// `new AsyncFunction`) and src/ compilations no known transform reproduces are counted, not mapped.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeScriptCovs } from '@bcoe/v8-coverage';
import { convert } from 'ast-v8-to-istanbul';
import { parseAstAsync } from 'vitest/node';

const require = createRequire(import.meta.url);

/** The length of the code a script coverage was taken of: its top-level function spans it all. */
function scriptLength(script) {
  let end = 0;
  for (const fn of script.functions) for (const range of fn.ranges) end = Math.max(end, range.endOffset);
  return end;
}

/**
 * Every script of `root`'s dist/ and src/ in the raw files of `dirs`, merged per URL and code length
 * (a src/*.ts file compiled as ESM in one run and as CommonJS in the other is two different scripts),
 * and the files that could not be read.
 */
export function readScripts(dirs, root) {
  const prefix = new URL(`file://${root}/`).href;
  const scripts = new Map();
  const unreadable = [];
  let anonymous = 0;
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.json')) continue;
      let result;
      let cache;
      try {
        ({ result, 'source-map-cache': cache = {} } = JSON.parse(readFileSync(join(dir, name), 'utf8')));
      } catch {
        // A process still writing its file (the detached run watcher outlives the runner) or killed while writing.
        unreadable.push(name);
        continue;
      }
      for (const script of result) {
        if (script.url === '') {
          anonymous += 1;
          continue;
        }
        const url = script.url.startsWith('/') ? `file://${script.url}` : script.url;
        const ours = ['dist/', 'src/', 'packages/database-config/dist/', 'packages/database-config/src/'];
        if (!ours.some((dir) => url.startsWith(`${prefix}${dir}`))) continue;
        if (url.endsWith('.test.ts')) continue;
        const length = scriptLength(script);
        const key = `${url}#${length}`;
        const previous = scripts.get(key);
        const merged = mergeScriptCovs(previous ? [previous, { ...script, url }] : [{ ...script, url }]);
        // The source map Node recorded for this compilation (tsx's), if the line lengths say it is this one.
        const recorded = previous?.recorded ?? cache[script.url] ?? cache[url];
        const lines = recorded?.lineLengths;
        const fits = lines && lines.reduce((sum, n) => sum + n, 0) + lines.length - 1 === length;
        scripts.set(key, { ...merged, recorded: fits ? recorded : undefined });
      }
    }
  }
  return { scripts: [...scripts.values()], unreadable, anonymous };
}

/** The inline source map a compiler appended to `code`, parsed. */
function inlineMap(code) {
  const match = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(
    code,
  );
  return match ? JSON.parse(Buffer.from(match[1], 'base64').toString('utf8')) : undefined;
}

/**
 * The @swc/jest transformers of the given Jest configs, each as Jest calls it in ESM mode
 * (processAsync) and in CommonJS mode (process).
 */
function swcCompilers(jestConfigs) {
  const { createTransformer } = require('@swc/jest');
  const compilers = [];
  for (const config of jestConfigs) {
    for (const [, entry] of Object.entries(config.transform ?? {})) {
      const [name, options] = Array.isArray(entry) ? entry : [entry, {}];
      if (name !== '@swc/jest') continue;
      const transformer = createTransformer(structuredClone(options));
      compilers.push(async (src, file) => transformer.processAsync(src, file, { supportsStaticESM: true }));
      compilers.push(async (src, file) => transformer.process(src, file, { supportsStaticESM: false }));
    }
  }
  return compilers;
}

/** tsx's transform cache (a JSON file per compilation: code and map), read once, by the code's line lengths. */
let tsxCache;
function tsxCompilations() {
  if (tsxCache) return tsxCache;
  tsxCache = new Map();
  const dir = join(tmpdir(), `tsx-${userInfo().uid}`);
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    let entry;
    try {
      entry = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch {
      continue;
    }
    if (typeof entry?.code !== 'string' || !entry.map?.mappings) continue;
    const key = entry.code
      .split('\n')
      .map((line) => line.length)
      .join(',');
    tsxCache.set(`${key}|${entry.map.mappings}`, entry.code);
  }
  return tsxCache;
}

/**
 * The code tsx compiled a src/*.ts file to, for a script whose source map Node recorded: the cached
 * compilation with the same line lengths (the last line is the inline map tsx appends, replaced by a
 * comment of the same length) and the same mappings, of the source as it is on disk.
 */
function tsxSources(script, onDisk) {
  const { lineLengths, data } = script.recorded ?? {};
  if (!data?.mappings || data.sourcesContent?.length !== 1 || data.sourcesContent[0] !== onDisk) return undefined;
  const last = lineLengths.at(-1);
  const code = tsxCompilations().get(`${lineLengths.slice(0, -1).join(',')}|${data.mappings}`);
  if (code === undefined || last < 2) return undefined;
  return { code: `${code}\n//${' '.repeat(last - 2)}`, map: structuredClone(data) };
}

/**
 * The code a script ran and its source map: from disk for dist/, recompiled (swc) or found in tsx's
 * cache for src/*.ts.
 */
async function sourcesOf(script, compilers) {
  const file = fileURLToPath(script.url);
  const length = scriptLength(script);
  if (!existsSync(file)) return undefined;
  const onDisk = readFileSync(file, 'utf8');
  if (!file.endsWith('.ts')) {
    const mapFile = `${file}.map`;
    if (onDisk.length !== length || !existsSync(mapFile)) return undefined;
    return { code: onDisk, map: JSON.parse(readFileSync(mapFile, 'utf8')) };
  }
  for (const compile of compilers) {
    // A source this transform cannot compile (decorators, for one, which the Jest configs' swc options
    // do not enable) is not what it compiled: the next one, else the script is named as skipped.
    const code = await compile(onDisk, file).then(
      (output) => output.code,
      () => undefined,
    );
    if (code?.length === length) return { code, map: inlineMap(code) };
  }
  return tsxSources(script, onDisk);
}

/**
 * Istanbul coverage of each script (one map per script: the compilations of a file differ, see
 * project.mjs), and the URLs that could not be converted (a dist/ file rebuilt since the run, or a
 * src/ compilation that no known transform reproduces).
 */
export async function convertScripts(scripts, jestConfigs) {
  const compilers = swcCompilers(jestConfigs);
  const maps = [];
  const skipped = [];
  for (const script of scripts) {
    const sources = await sourcesOf(script, compilers);
    if (!sources?.map) {
      skipped.push(script.url);
      continue;
    }
    sources.map.sources = sources.map.sources.map((source) => new URL(source, script.url).href);
    try {
      maps.push(
        await convert({
          code: sources.code,
          sourceMap: sources.map,
          ast: await parseAstAsync(sources.code),
          coverage: { url: script.url, functions: script.functions },
          wrapperLength: 0,
        }),
      );
    } catch {
      // Code the parser or the source map cannot be read from: named with the others not counted.
      skipped.push(script.url);
    }
  }
  return { maps, skipped };
}
