import { existsSync, mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test coordination, not wiring: waits until the other e2e file (on the other worker) has reached
 * the same point, so that what one checks is checked while the other's data is really there. The
 * run's workers share a parent process (Jest's and Vitest's alike), which names the meeting place;
 * each file removes the mark it consumed, and the place once empty. Two files of one worker, one
 * after the other (Jest running in band), never meet: the wait ends in an error saying so. The
 * wait is long (60 s; the calling tests allow 90 s) because with three files on two workers the
 * other file may start only when the third one ends, on a loaded CI machine.
 */
export async function meetOtherFile(me: string, other: string, timeoutMs = 60_000): Promise<void> {
  const place = join(tmpdir(), `nest-app-e2e-${process.ppid}`);
  mkdirSync(place, { recursive: true });
  writeFileSync(join(place, me), String(process.pid));
  const mark = join(place, other);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(mark)) {
    if (Date.now() > deadline) {
      rmSync(join(place, me), { force: true });
      leave(place);
      throw new Error(
        `${me}: ${other} did not reach the same point within ${timeoutMs} ms; the e2e files must run at the same time in 2 workers (maxWorkers: 2), not one after the other.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  rmSync(mark, { force: true });
  leave(place);
}

/** Removes the meeting place once empty (the second file to leave it); a mark still there keeps it. */
function leave(place: string): void {
  try {
    rmdirSync(place);
  } catch {
    // The other file's mark is still there: that file removes the place.
  }
}
