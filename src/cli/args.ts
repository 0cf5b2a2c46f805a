import { parseArgs } from 'node:util';

/** An option of a command, as node:util parseArgs takes it, with its line in the help. */
export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  multiple?: boolean;
  /** The help line's text; the option's name and value placeholder are added. */
  help: string;
  /** Placeholder of a string option's value in the help. @default 'value' */
  value?: string;
}

/** A command's parsed options, or what was wrong with the command line (a usage error, exit code 2). */
export type Parsed =
  | { ok: true; values: Record<string, string | boolean | string[] | undefined>; rest: string[] }
  | { ok: false; problem: string };

/**
 * Parses a command's arguments: every option must be one of `options` (unknown ones are usage
 * errors, never ignored), no positional arguments; everything after `--` is returned as `rest`.
 */
export function parseCommandArgs(args: string[], options: Record<string, OptionSpec>): Parsed {
  const separator = args.indexOf('--');
  const own = separator === -1 ? args : args.slice(0, separator);
  const rest = separator === -1 ? [] : args.slice(separator + 1);
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: own, options: config, strict: false, tokens: true, allowPositionals: true });
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  for (const token of parsed.tokens ?? []) {
    if (token.kind === 'positional') return { ok: false, problem: `unexpected argument "${token.value}"` };
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) return { ok: false, problem: `unknown option ${token.rawName}` };
    if (spec.type === 'string' && token.value === undefined)
      return {
        ok: false,
        problem: `option ${token.rawName} needs a value (${token.rawName} <${spec.value ?? 'value'}>)`,
      };
    if (spec.type === 'boolean' && token.value !== undefined)
      return { ok: false, problem: `option ${token.rawName} takes no value (got "${token.value}")` };
  }
  return { ok: true, values: parsed.values as Record<string, string | boolean | string[] | undefined>, rest };
}

/** The "Options:" block of a command's help. */
export function optionsHelp(options: Record<string, OptionSpec>): string {
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
    return [flag, o.help] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return `Options:\n${rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`).join('\n')}`;
}
