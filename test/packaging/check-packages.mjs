// npm run check:packages: publint --strict and are-the-types-wrong (attw, its default profile:
// node10, node16 from CJS and ESM, bundler) on the tarballs of both packages, as they would be
// published. Packs the build as it is (`npm run build` first; --ignore-scripts, since the root's
// `prepare` would rebuild the production package). Exits 1 when either tool finds a problem.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const packages = [join(root, 'packages/database-config'), root];
const bin = (name) => join(root, 'node_modules/.bin', name);
const destination = mkdtempSync(join(tmpdir(), 'dbc-check-packages-'));

const failed = [];
try {
  for (const dir of packages) {
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], {
        cwd: dir,
        encoding: 'utf8',
      }),
    );
    const tarball = join(destination, filename);
    for (const [tool, args] of [
      ['publint', ['--strict', tarball]],
      ['attw', [tarball]],
    ]) {
      process.stdout.write(`\n$ ${tool} ${args.join(' ').replace(destination, '<tmp>')}\n`);
      const { status } = spawnSync(bin(tool), args, { stdio: 'inherit' });
      if (status !== 0) failed.push(`${tool} ${filename} (exit ${status})`);
    }
  }
} finally {
  rmSync(destination, { recursive: true, force: true });
}
if (failed.length > 0) {
  process.stderr.write(
    `\ncheck:packages: ${failed.join(', ')} found problems (above). Fix package.json (exports, typesVersions, files) or the tsup configs, then npm run build && npm run check:packages.\n`,
  );
  process.exit(1);
}
process.stdout.write('\ncheck:packages: publint --strict and attw found no problems in either tarball.\n');
