// Generates the per-file cost suites: FILES files of TESTS tests, PostgreSQL through Prisma and
// Redis, in six variants that differ only in where the clients come from:
//   vitest, vitest_shared  the plugin's fixtures (`prisma`, `redis`), isolate: true / false
//   jest                   the Jest preset's useDatabases()
//   *_floor                plain clients made once per module graph (a PrismaClient and an ioredis
//                          client on a database the benchmark migrated beforehand), no reset, no plugin
// Every file appends marks to BENCH_MARKS (its process's start, module loaded, first test's body begun
// and ended, its last test ended), so the
// first test's time can be split into what comes before its body and the body's first queries.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/env.js';
import { importPath, VITEST_ENTRY, writeJestConfig, writeVitestConfig } from '../lib/runner-configs.js';

export const FILE_VARIANTS = [
  'vitest',
  'vitest_floor',
  'vitest_shared',
  'vitest_shared_floor',
  'jest',
  'jest_floor',
] as const;
export type FileVariant = (typeof FILE_VARIANTS)[number];

export const runnerOf = (v: FileVariant) => (v.startsWith('jest') ? 'jest' : 'vitest');
export const isFloor = (v: FileVariant) => v.endsWith('_floor');

function dbModule(dir: string, variant: FileVariant): string {
  const client = importPath(dir, join(ROOT, 'prisma/generated/client.js'));
  if (isFloor(variant))
    return `// Generated: plain clients, made once per module graph (per file when isolated), never reset.
import { PrismaPg } from '@prisma/adapter-pg';
import { Redis } from 'ioredis';
import { PrismaClient } from '${client}';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.BENCH_FLOOR_PG_URL! }) });
const redis = new Redis(process.env.BENCH_FLOOR_REDIS_URL!);
export const clients = async () => ({ prisma, redis });
export const close = async () => {
  await prisma.$disconnect();
  redis.disconnect();
};
`;
  if (variant === 'jest')
    return `// Generated: the Jest preset's clients.
import { useDatabases } from 'database-config-testing/jest';
import { PrismaClient } from '${client}';

const db = useDatabases({ prismaClient: PrismaClient });
export const clients = async () => ({ prisma: await db.prisma(), redis: await db.redis() });
export const close = async () => undefined;
`;
  return `// Generated: the Vitest plugin's fixtures.
import { databaseTest } from '${VITEST_ENTRY}';
import { PrismaClient } from '${client}';

export const test = databaseTest({ prismaClient: PrismaClient });
export const close = async () => undefined;
`;
}

function testFile(variant: FileVariant, file: number, tests: number): string {
  const jest = runnerOf(variant) === 'jest';
  const fixtures = variant === 'vitest' || variant === 'vitest_shared';
  // Isolated floors close their clients with the file; shared ones keep them for the worker's next files.
  const closes = isFloor(variant) && variant !== 'vitest_shared_floor';
  const globals = jest
    ? `import { afterAll, expect, test } from '@jest/globals';`
    : `import { afterAll, expect${fixtures ? '' : ', test'} } from 'vitest';`;
  const imports = fixtures
    ? `import { close, test } from './db.js';`
    : `import { clients, close } from './db.js';`;
  const args = fixtures ? '{ prisma, redis }: any' : '';
  const get = fixtures ? '' : '    const { prisma, redis } = await clients();\n';
  return `// Generated: file ${file} of the per-file cost suite (${variant}).
import { appendFileSync } from 'node:fs';
${globals}
${imports}

const marks = { file: ${file}, pid: process.pid, processStart: performance.timeOrigin, loaded: performance.timeOrigin + performance.now(), bodyStart: 0, bodyEnd: 0, lastEnd: 0 };
afterAll(async () => {
  marks.lastEnd = performance.timeOrigin + performance.now();
  appendFileSync(process.env.BENCH_MARKS!, JSON.stringify(marks) + '\\n');
${closes ? '  await close();\n' : '  void close;\n'}});

for (let i = 0; i < ${tests}; i += 1) {
  test(\`writes a user and a key \${i}\`, async (${args}) => {
    if (i === 0) marks.bodyStart = performance.timeOrigin + performance.now();
${get}    const user = await prisma.user.create({
      data: { email: \`f${file}_\${i}_\${process.pid}_\${Date.now()}@example.com\`, name: 'Files' },
    });
    await redis.set(\`files:${file}:\${i}\`, String(user.id));
    expect(await prisma.user.count()).toBeGreaterThan(0);
    expect(await redis.get(\`files:${file}:\${i}\`)).toBe(String(user.id));
    if (i === 0) marks.bodyEnd = performance.timeOrigin + performance.now();
  });
}
`;
}

/** Writes every variant under `base`; returns each variant's config path. */
export function generateFileSuites(
  base: string,
  options: { files: number; tests: number; fixtures: unknown },
): Record<FileVariant, string> {
  const configs = {} as Record<FileVariant, string>;
  for (const variant of FILE_VARIANTS) {
    const dir = join(base, variant);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'db.ts'), dbModule(dir, variant));
    for (let file = 0; file < options.files; file += 1)
      writeFileSync(
        join(dir, `file-${String(file).padStart(2, '0')}.test.ts`),
        testFile(variant, file, options.tests),
      );
    const fixtures = isFloor(variant) ? undefined : options.fixtures;
    configs[variant] =
      runnerOf(variant) === 'jest'
        ? writeJestConfig(dir, { fixtures })
        : writeVitestConfig(dir, { fixtures, isolate: !variant.startsWith('vitest_shared') });
  }
  return configs;
}
