import type { core } from 'zod/mini';
import * as z from './zod.js';
import type { ConfigIssue } from '../errors.js';
import { maskUrl } from './mask.js';
import type { StoreName } from '../stores.js';

/**
 * One setting of a store: where it comes from (explicit option, else environment variable),
 * how it is validated (zod), and what a valid value looks like for the error message.
 */
export interface Field<T> {
  /** Environment variable read when the option is not given. */
  env?: string;
  /** Validates and normalises a raw value (a string from the environment, or an option); built on first use. */
  schema: Schema<T>;
  /** What a valid value is, completing "... is not <expected>". */
  expected: string;
  example: string;
  /** Value used when neither the option nor the variable is set; no default means required. */
  default?: T;
  /** Never printed: a URL has its password masked, any other secret is replaced by ****. */
  secret?: 'url' | 'value';
}

export type FieldTable<C> = { [K in keyof C]-?: Field<C[K]> };

/** A zod schema built on its first use (the same one after). */
export type Schema<T> = () => core.$ZodType<T>;

/**
 * `build`'s schema, built on the first call: building zod schemas is most of what loading the
 * config costs (~25 ms per Jest test file, which evaluates its modules anew), and a process reads
 * the settings of the stores it uses only.
 */
export function lazy<S>(build: () => S): () => S {
  let built: S | undefined;
  return () => (built ??= build());
}

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === ''
    ? undefined
    : typeof value === 'string'
      ? value.trim()
      : value;

/** An integer in [min, max]; environment strings are converted. */
export function int(min: number, max: number): Schema<number> {
  return lazy(() =>
    z.pipe(
      z.transform((v: unknown) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v)),
      z.int().check(z.minimum(min), z.maximum(max)),
    ),
  );
}

/** A boolean; environment strings true/false/1/0/yes/no are converted. */
export function bool(): Schema<boolean> {
  return lazy(() =>
    z.pipe(
      z.transform((v: unknown) => {
        if (typeof v !== 'string') return v;
        const s = v.toLowerCase();
        return ['true', '1', 'yes'].includes(s) ? true : ['false', '0', 'no'].includes(s) ? false : v;
      }),
      z.boolean(),
    ),
  );
}

/** A URL whose scheme is one of `schemes` (without the colon). */
export function url(schemes: readonly string[]): Schema<string> {
  return lazy(() =>
    z.string().check(
      z.refine((value) => {
        try {
          const parsed = new URL(value);
          return schemes.includes(parsed.protocol.replace(/:$/, '')) && parsed.hostname !== '';
        } catch {
          return false;
        }
      }),
    ),
  );
}

/** Shows a raw value in a message, masked when the field is secret. */
function show(field: Field<unknown>, value: unknown): string {
  if (field.secret === 'value') return '****';
  if (field.secret === 'url' && typeof value === 'string') return JSON.stringify(maskUrl(value));
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}

/**
 * Reads every field of one store from explicit options over the environment, collecting every
 * problem instead of stopping at the first. `value` is set only when there is no problem.
 */
export function readFields<C>(
  store: StoreName,
  table: FieldTable<C>,
  env: Record<string, string | undefined>,
  options: Record<string, unknown> = {},
): { value?: C; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const known = Object.keys(table);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      issues.push({
        store,
        source: `options.${store}.${key}`,
        problem: `unknown option; known options are ${known.join(', ')}`,
        example: known[0] ?? '',
      });
    }
  }
  const value: Record<string, unknown> = {};
  for (const key of known) {
    const field = table[key as keyof C] as Field<unknown>;
    const fromOption = options[key] !== undefined;
    const raw = blankToUndefined(fromOption ? options[key] : field.env ? env[field.env] : undefined);
    const source = fromOption || !field.env ? `options.${store}.${key}` : field.env;
    if (raw === undefined) {
      if ('default' in field) value[key] = field.default;
      else issues.push({ store, source, problem: 'is missing', example: field.example });
      continue;
    }
    const parsed = z.safeParse(field.schema(), raw);
    if (parsed.success) value[key] = parsed.data;
    else {
      const where = typeof raw === 'object' ? zodDetail(parsed.error) : '';
      issues.push({
        store,
        source,
        problem: `${show(field, raw)} is not ${field.expected}${where}`,
        example: field.example,
      });
    }
  }
  return issues.length > 0 ? { issues } : { value: value as C, issues };
}

/** " (at [0].vectors.size: ...)" for structured options, where the value alone does not say what is wrong. */
function zodDetail(error: core.$ZodError): string {
  const first = error.issues[0];
  if (!first) return '';
  const path = first.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return ` (at ${path || 'top level'}: ${first.message})`;
}
