// What a run measured: flat figures (the keys of results.json), each with its summary (n, median,
// p99, min, max), plus notes and the errors of sections that failed.
import { summarize, type Summary } from './stats.js';

export class Results {
  /** Key -> value, e.g. `reset.postgres.transaction.p50_ms` -> 0.4. */
  readonly figures: Record<string, number | null> = {};
  /** Key (or key prefix for reset figures) -> summary of its samples. */
  readonly stats: Record<string, Summary> = {};
  readonly notes: Record<string, string> = {};
  readonly errors: { section: string; message: string }[] = [];
  /** Section -> seconds it took. */
  readonly sectionSeconds: Record<string, number> = {};

  /** Per-test timings: `<base>.p50_ms` and `<base>.p99_ms`, summary under `<base>`. */
  percentiles(base: string, samples: number[]): Summary {
    const s = summarize(samples);
    this.figures[`${base}.p50_ms`] = s.p50;
    this.figures[`${base}.p99_ms`] = s.p99;
    this.stats[base] = s;
    return s;
  }

  /** A figure that is the median of repeated runs (`key` ends with its unit, e.g. `_ms`). */
  median(key: string, samples: number[]): Summary {
    const s = summarize(samples);
    this.figures[key] = s.p50;
    this.stats[key] = s;
    return s;
  }

  /** A figure with no repetition (a count, a version). */
  value(key: string, value: number | null): void {
    this.figures[key] = value;
  }

  note(key: string, text: string): void {
    this.notes[key] = text;
  }

  /** Marks figures of a failed section as missing (null) so every key is still present. */
  missing(keys: string[]): void {
    for (const key of keys) if (!(key in this.figures)) this.figures[key] = null;
  }
}
