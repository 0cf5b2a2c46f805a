// Raw V8 coverage (the files Node writes to NODE_V8_COVERAGE) of the Jest runs, turned into Istanbul
// data of src/** with the same converter and parser Vitest's V8 provider uses (ast-v8-to-istanbul over
// vitest/node's parseAstAsync), so the maps of the suites merge statement by statement.
//
// Jest runs two kinds of this project's code: the built package (dist/*.js and *.cjs, mapped back to
// src/ through the .map files tsup writes) and src/*.ts itself, which the examples' factories import
// by relative path and @swc/jest compiles (mapped through the inline map of that compilation, redone
// here with the transform options of the Jest config that ran it).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
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
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.json')) continue;
      let result;
      try {
        ({ result } = JSON.parse(readFileSync(join(dir, name), 'utf8')));
      } catch {
        // A process still writing its file (the detached run watcher outlives the runner) or killed while writing.
        unreadable.push(name);
        continue;
      }
      for (const script of result) {
        const url = script.url.startsWith('/') ? `file://${script.url}` : script.url;
        if (!url.startsWith(`${prefix}dist/`) && !url.startsWith(`${prefix}src/`)) continue;
        const key = `${url}#${scriptLength(script)}`;
        const previous = scripts.get(key);
        scripts.set(key, mergeScriptCovs(previous ? [previous, { ...script, url }] : [{ ...script, url }]));
      }
    }
  }
  return { scripts: [...scripts.values()], unreadable };
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

/** The code a script ran and its source map: from disk for dist/, recompiled for src/*.ts. */
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
    const { code } = await compile(onDisk, file);
    if (code.length === length) return { code, map: inlineMap(code) };
  }
  return undefined;
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
    maps.push(
      await convert({
        code: sources.code,
        sourceMap: sources.map,
        ast: await parseAstAsync(sources.code),
        coverage: { url: script.url, functions: script.functions },
        wrapperLength: 0,
      }),
    );
  }
  return { maps, skipped };
}
