import { describe, expect, it } from 'vitest';
import { ConfigValidationError, DatabaseMonitor } from 'database-config';

describe('DatabaseMonitor options', () => {
  it('has the documented defaults', async () => {
    await using monitor = new DatabaseMonitor();
    expect(monitor.options).toEqual({
      intervalMs: 1000,
      slowThresholdMs: 200,
      windowMs: 60_000,
      maxSlowOperations: 100,
      bucketsMs: [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
      maxKindsPerStore: 32,
      captureCallers: 'auto',
      sampleHealth: true,
    });
  });

  it.each([0, -5, 1.5])('refuses an intervalMs of %s, naming the option and a valid value', (intervalMs) => {
    const error = (() => {
      try {
        new DatabaseMonitor({ intervalMs });
      } catch (caught) {
        return caught;
      }
    })() as ConfigValidationError;
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.message).toContain(
      `DatabaseMonitor({ intervalMs }): ${intervalMs} is not an integer from 1 to 3600000 (example: 1000)`,
    );
  });

  it('lists every invalid option at once', () => {
    const error = (() => {
      try {
        new DatabaseMonitor({
          intervalMs: -1,
          windowMs: 10,
          slowThresholdMs: -3,
          maxSlowOperations: Number.NaN,
          bucketsMs: [10, 5],
          captureCallers: 'yes' as never,
        });
      } catch (caught) {
        return caught as ConfigValidationError;
      }
    })();
    expect(error?.issues.map((issue) => issue.source)).toEqual([
      'DatabaseMonitor({ intervalMs })',
      'DatabaseMonitor({ windowMs })',
      'DatabaseMonitor({ maxSlowOperations })',
      'DatabaseMonitor({ slowThresholdMs })',
      'DatabaseMonitor({ bucketsMs })',
      'DatabaseMonitor({ captureCallers })',
    ]);
    expect(error?.message).toMatch(/^Invalid database configuration, 6 problems:/);
  });
});
