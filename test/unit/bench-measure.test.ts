// The benchmark's loop hands its iterations indices the bodies turn into keys and Qdrant point ids:
// they must be non-negative and distinct (Qdrant answers 400 to a negative point id).
import type { QdrantClient } from '@qdrant/js-client-rest';
import { describe, expect, it } from 'vitest';
import { measure } from '../../bench/lib/measure.js';
import { Results } from '../../bench/lib/results.js';
import { writePoint } from '../../bench/lib/workload.js';

describe('bench measure()', () => {
  it('runs the warm-ups as tests n.. and the kept tests as 0..n-1: every index non-negative and distinct', async () => {
    const seen: number[] = [];
    await measure(new Results(), 'probe', 5, 3, async (i) => {
      seen.push(i);
      return { reset: 1, write: 1 };
    });
    expect(seen).toEqual([5, 6, 7, 0, 1, 2, 3, 4]);
  });
});

describe('bench writePoint()', () => {
  it('refuses a test index that would make an invalid point id, before any request', async () => {
    const noClient = {} as QdrantClient; // reaching upsert would be a TypeError, not this RangeError
    await expect(writePoint(noClient, 'products', -1)).rejects.toThrow(
      new RangeError(
        'writePoint: test index -1 is not a non-negative integer; Qdrant point ids are unsigned integers or UUIDs, so point id 0 would be refused (400)',
      ),
    );
    await expect(writePoint(noClient, 'products', 1.5)).rejects.toThrow(
      /test index 1\.5 is not a non-negative integer/,
    );
  });
});
