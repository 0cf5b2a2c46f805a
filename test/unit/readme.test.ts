import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errors } from 'database-config';
import { MONGODB_FIELDS } from 'database-config/internal';
import { POSTGRES_FIELDS } from 'database-config/internal';
import { QDRANT_FIELDS } from 'database-config/internal';
import { REDIS_FIELDS } from 'database-config/internal';
import { STORE_IMAGES } from '../../src/containers/images.js';

// The README's configuration reference is checked against the code, so it cannot drift.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README reference', () => {
  it('names every environment variable the config modules read', () => {
    const variables = [POSTGRES_FIELDS, MONGODB_FIELDS, REDIS_FIELDS, QDRANT_FIELDS]
      .flatMap((table) => Object.values(table).map((field) => (field as { env?: string }).env))
      .filter((env): env is string => Boolean(env));
    expect(variables.length).toBeGreaterThan(15);
    const missing = variables.filter(
      (env) => !readme.includes(env.replace(/^POSTGRES_(HOST|PORT|USER|PASSWORD|DB)$/, 'POSTGRES_HOST')),
    );
    expect(missing).toEqual([]);
  });

  it('names every image default and override variable', () => {
    for (const { default: image, env } of Object.values(STORE_IMAGES)) {
      expect(readme).toContain(image);
      expect(readme).toContain(env);
    }
  });

  it('names every error class', () => {
    const names = Object.entries(errors)
      .filter(([, value]) => typeof value === 'function' && /Error$/.test((value as { name: string }).name))
      .map(([name]) => name)
      .filter((name) => name !== 'DatabaseConfigError');
    const missing = names.filter((name) => !readme.includes(name));
    expect(missing).toEqual([]);
  });
});

/** Files `npm test` runs (or that the tests it runs import), and the CI workflows. */
const RUN_BY_TESTS = [
  /^test\//,
  /^examples\/(catalog|nest-app)\//,
  /^(vitest\.config\.ts|jest\.config\.mjs|database-fixtures\.config\.mjs)$/,
  /^\.github\/workflows\/[\w-]+\.yml$/,
];

/** A file's lines as the README shows them: trimmed, and this package's source paths as a user imports them. */
function asUserSees(source: string): string[] {
  return source.split('\n').map((line) =>
    line
      .trim()
      .replace(/from '(?:\.\.?\/)+src\/public\/index\.js'/, "from 'database-config-testing'")
      .replace(
        /from '(?:\.\.?\/)+src\/public\/vitest-config\.js'/,
        "from 'database-config-testing/vitest/config'",
      )
      .replace(/from '(?:\.\.?\/)+src\/public\/(\w+)\.js'/, "from 'database-config-testing/$1'"),
  );
}

describe('README code', () => {
  const blocks = [...readme.matchAll(/```(ts|js|yaml)\n([\s\S]*?)```/g)].map((m) =>
    m[2]!.trimEnd().split('\n'),
  );

  it('every code block is an excerpt of a file the tests or CI run, each line there in order', () => {
    expect(blocks.length).toBeGreaterThan(8);
    const problems: string[] = [];
    for (const [header, ...lines] of blocks) {
      const path = /^(?:\/\/|#) (\S+)$/.exec(header ?? '')?.[1];
      if (!path || !RUN_BY_TESTS.some((pattern) => pattern.test(path))) {
        problems.push(`a block starts with "${header}", not "// <a file the tests or CI run>"`);
        continue;
      }
      const file = new URL(`../../${path}`, import.meta.url);
      if (!existsSync(file)) {
        problems.push(`${path} does not exist`);
        continue;
      }
      const source = asUserSees(readFileSync(file, 'utf8'));
      let at = 0;
      for (const line of lines.map((l) => l.trim()).filter((l) => !['', '// ...', '# ...'].includes(l))) {
        const found = source.indexOf(line, at);
        if (found < 0) {
          problems.push(`${path}: "${line}" is not there (after line ${at})`);
          break;
        }
        at = found + 1;
      }
    }
    expect(problems).toEqual([]);
  });
});
