// Generates the jest-prisma comparison: FILES files of Prisma tests (interactive and batch
// $transaction, a nested transaction rolled back inside a committed one, a caught unique violation,
// relations) with the same test bodies (bodies.ts) in three variants:
//   jest_prisma  @quramy/jest-prisma-node's environment (each test in a transaction rolled back after
//                it; Prisma 7's client with its PostgreSQL adapter given through initializeClient), on
//                one database migrated beforehand, shared by both workers
//   jest         this library's Jest preset, useDatabases({ prismaClient })
//   vitest       this library's Vitest plugin, databaseTest({ prismaClient })
//   *_floor      the runner alone: a plain PrismaClient built at module load on jest-prisma's
//                database, no isolation (what a runner costs before any library's work)
// Every test asserts that it sees only its own users, so each variant is checked to isolate (the
// floors' users are left committed and counted as such).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/env.js';
import { importPath, VITEST_ENTRY, writeJestConfig, writeVitestConfig } from '../lib/runner-configs.js';

export const PEER_VARIANTS = ['jest_prisma', 'jest', 'vitest', 'jest_floor', 'vitest_floor'] as const;
export const isFloor = (v: PeerVariant) => v.endsWith('_floor');
export const runnerOf = (v: PeerVariant) => (v.startsWith('vitest') ? 'vitest' : 'jest');
export type PeerVariant = (typeof PEER_VARIANTS)[number];

/** The five test bodies every file runs, each given the variant's client. */
const BODIES = `// Generated: the test bodies all three variants share.
import { expect } from 'expect';

let serial = 0;
const unique = (tag: string) => \`\${tag}_\${process.pid}_\${++serial}_\${Date.now().toString(36)}\`;
// A test's users share a prefix, and every count is of the test's own users: rows another test
// left behind (a peer whose isolation leaks) do not fail this one, they are counted at the end.
let test = '';
const email = (tag: string) => \`\${test}\${tag}@example.com\`;
const mine = () => ({ where: { email: { startsWith: test } } });
const run = (body: (prisma: any) => Promise<void>) => (prisma: any) => {
  test = \`\${unique('t')}_\`;
  return body(prisma);
};

const BODY_LIST: [string, (prisma: any) => Promise<void>][] = [
  [
    'interactive transaction: a user and an address',
    async (prisma) => {
      const user = await prisma.$transaction(async (tx: any) => {
        const u = await tx.user.create({ data: { email: email('it'), name: 'Tx' } });
        await tx.address.create({
          data: { userId: u.id, line1: '1 Main St', city: 'Utrecht', postalCode: '3511', country: 'NL' },
        });
        return u;
      });
      expect(await prisma.address.count({ where: { userId: user.id } })).toBe(1);
      expect(await prisma.user.count(mine())).toBe(1);
    },
  ],
  [
    'batch transaction: two users',
    async (prisma) => {
      await prisma.$transaction([
        prisma.user.create({ data: { email: email('b1'), name: 'One' } }),
        prisma.user.create({ data: { email: email('b2'), name: 'Two' } }),
      ]);
      expect(await prisma.user.count(mine())).toBe(2);
    },
  ],
  [
    'nested transaction: the inner one rolled back, the outer one kept',
    async (prisma) => {
      await prisma.$transaction(async (tx: any) => {
        await tx.user.create({ data: { email: email('outer'), name: 'Outer' } });
        await expect(
          tx.$transaction(async (inner: any) => {
            await inner.user.create({ data: { email: email('inner'), name: 'Inner' } });
            throw new Error('roll the inner one back');
          }),
        ).rejects.toThrow('roll the inner one back');
      });
      expect(await prisma.user.findMany({ ...mine(), select: { name: true } })).toEqual([{ name: 'Outer' }]);
    },
  ],
  [
    'a caught unique violation',
    async (prisma) => {
      const address = email('dup');
      await prisma.user.create({ data: { email: address, name: 'First' } });
      await expect(
        prisma.$transaction(async (tx: any) => tx.user.create({ data: { email: address, name: 'Second' } })),
      ).rejects.toMatchObject({ code: 'P2002' });
      expect(await prisma.user.count(mine())).toBe(1);
    },
  ],
  [
    'relations: a product in a new category, an order with items',
    async (prisma) => {
      const category = await prisma.category.create({
        data: {
          slug: unique('cat'),
          name: 'Bench',
          products: { create: [{ sku: unique('p1'), name: 'One', priceCents: 100, stock: 5 }, { sku: unique('p2'), name: 'Two', priceCents: 250, stock: 5 }] },
        },
        include: { products: true },
      });
      const user = await prisma.user.create({ data: { email: email('buyer'), name: 'Buyer' } });
      const order = await prisma.order.create({
        data: {
          userId: user.id,
          totalCents: 350,
          items: { create: category.products.map((p: any) => ({ productId: p.id, quantity: 1, unitPriceCents: p.priceCents })) },
        },
        include: { items: { include: { product: { include: { category: true } } } } },
      });
      expect(order.items).toHaveLength(2);
      expect(order.items[0].product.category.slug).toBe(category.slug);
      expect(await prisma.user.count(mine())).toBe(1);
    },
  ],
];
export const BODIES = BODY_LIST.map(([name, body]) => [name, run(body)] as const);
`;

function dbModule(dir: string, variant: PeerVariant): string {
  const client = importPath(dir, join(ROOT, 'prisma/generated/client.js'));
  if (isFloor(variant))
    return `// Generated: a plain client, built once per module graph (per file), never reset.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '${client}';

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.BENCH_PEER_PG_URL! }) });
export const client = async () => prisma;
export const close = () => prisma.$disconnect();
`;
  if (variant === 'jest_prisma')
    return `// Generated: jest-prisma's per-test transactional client.
export const client = async () => (globalThis as any).jestPrisma.client;
`;
  if (variant === 'jest')
    return `// Generated: this library's Jest preset.
import { useDatabases } from 'database-config-testing/jest';
import { PrismaClient } from '${client}';

const db = useDatabases({ prismaClient: PrismaClient });
export const client = () => db.prisma();
`;
  return `// Generated: this library's Vitest plugin.
import { databaseTest } from '${VITEST_ENTRY}';
import { PrismaClient } from '${client}';

export const test = databaseTest({ prismaClient: PrismaClient });
`;
}

function testFile(variant: PeerVariant, file: number): string {
  const header = `// Generated: file ${file} of the jest-prisma comparison (${variant}).\nimport { BODIES } from './bodies.js';\n`;
  if (isFloor(variant))
    return `${header}import { afterAll, test } from '${runnerOf(variant) === 'jest' ? '@jest/globals' : 'vitest'}';
import { client, close } from './db.js';

afterAll(close);
for (const [name, body] of BODIES) test(name, async () => body(await client()));
`;
  if (variant === 'vitest')
    return `${header}import { test } from './db.js';

for (const [name, body] of BODIES) test(name, async ({ prisma }: any) => body(prisma));
`;
  return `${header}import { test } from '@jest/globals';
import { client } from './db.js';

for (const [name, body] of BODIES) test(name, async () => body(await client()));
`;
}

/** Writes the three variants under `base`; returns each variant's config path. */
export function generatePeerSuites(
  base: string,
  options: { files: number; fixtures: unknown },
): Record<PeerVariant, string> {
  const configs = {} as Record<PeerVariant, string>;
  for (const variant of PEER_VARIANTS) {
    const dir = join(base, variant);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'bodies.ts'), BODIES);
    writeFileSync(join(dir, 'db.ts'), dbModule(dir, variant));
    for (let file = 0; file < options.files; file += 1)
      writeFileSync(join(dir, `peer-${String(file).padStart(2, '0')}.test.ts`), testFile(variant, file));
    const fixtures = isFloor(variant) ? undefined : options.fixtures;
    if (runnerOf(variant) === 'vitest') {
      configs[variant] = writeVitestConfig(dir, { fixtures, isolate: true });
      continue;
    }
    if (variant !== 'jest_prisma') {
      configs[variant] = writeJestConfig(dir, { fixtures });
      continue;
    }
    // jest-prisma with Prisma 7: its environment, and the adapter-built client handed to it before the tests.
    writeFileSync(
      join(dir, 'setup-jest-prisma.ts'),
      `// Generated: jest-prisma's client, built with Prisma 7's PostgreSQL adapter.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '${importPath(dir, join(ROOT, 'prisma/generated/client.js'))}';

(globalThis as any).jestPrisma.initializeClient(
  new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.BENCH_PEER_PG_URL! }) }),
);
`,
    );
    configs[variant] = writeJestConfig(dir, {
      extra: {
        testEnvironment: '@quramy/jest-prisma-node/environment',
        testEnvironmentOptions: { enableExperimentalRollbackInTransaction: true },
        setupFilesAfterEnv: [join(dir, 'setup-jest-prisma.ts')],
      },
    });
  }
  return configs;
}
