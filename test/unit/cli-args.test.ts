// The CLI's argument parsing and help on their own: every wrong command line is a usage error that
// says what was wrong, never an option silently ignored.
import { describe, expect, it } from 'vitest';
import { optionsHelp, parseCommandArgs, type OptionSpec } from '../../src/cli/args.js';
import { usageError, USAGE_EXIT_CODE } from '../../src/cli/command.js';

const OPTIONS = {
  yes: { type: 'boolean', short: 'y', help: 'Remove without asking' },
  run: { type: 'string', value: 'id', help: 'Only that run' },
  tag: { type: 'string', multiple: true, help: 'A tag' },
} satisfies Record<string, OptionSpec>;

describe('parseCommandArgs', () => {
  it('parses known options, short ones and repeated ones, and returns what follows -- as rest', () => {
    expect(
      parseCommandArgs(['-y', '--run', 'r1', '--tag', 'a', '--tag=b', '--', '--anything', 'x'], OPTIONS),
    ).toEqual({
      ok: true,
      values: { yes: true, run: 'r1', tag: ['a', 'b'] },
      rest: ['--anything', 'x'],
    });
    expect(parseCommandArgs([], OPTIONS)).toEqual({ ok: true, values: {}, rest: [] });
  });

  it('names an unknown option, a positional argument, a missing value and a value given to a flag', () => {
    expect(parseCommandArgs(['--yess'], OPTIONS)).toEqual({ ok: false, problem: 'unknown option --yess' });
    expect(parseCommandArgs(['-x'], OPTIONS)).toEqual({ ok: false, problem: 'unknown option -x' });
    expect(parseCommandArgs(['now'], OPTIONS)).toEqual({ ok: false, problem: 'unexpected argument "now"' });
    expect(parseCommandArgs(['--run'], OPTIONS)).toEqual({
      ok: false,
      problem: 'option --run needs a value (--run <id>)',
    });
    expect(parseCommandArgs(['--tag'], OPTIONS)).toEqual({
      ok: false,
      problem: 'option --tag needs a value (--tag <value>)',
    });
    expect(parseCommandArgs(['--yes=no'], OPTIONS)).toEqual({
      ok: false,
      problem: 'option --yes takes no value (got "no")',
    });
  });

  it('the first problem wins; arguments after -- are never checked', () => {
    expect(parseCommandArgs(['stray', '--nope'], OPTIONS)).toEqual({
      ok: false,
      problem: 'unexpected argument "stray"',
    });
    expect(parseCommandArgs(['--', 'stray', '--nope'], OPTIONS)).toEqual({
      ok: true,
      values: {},
      rest: ['stray', '--nope'],
    });
  });
});

describe('optionsHelp and usageError', () => {
  it('aligns the flags, shows short names and value placeholders', () => {
    expect(optionsHelp(OPTIONS)).toBe(
      [
        'Options:',
        '  -y, --yes          Remove without asking',
        '      --run <id>     Only that run',
        '      --tag <value>  A tag',
      ].join('\n'),
    );
  });

  it('a usage error exits 2 with the problem, then the help, on stderr; the command is named when there is one', () => {
    expect(USAGE_EXIT_CODE).toBe(2);
    expect(usageError('clean', 'unknown option --x', 'HELP')).toEqual({
      exitCode: 2,
      stderr: 'database-config clean: unknown option --x\n\nHELP\n',
    });
    expect(usageError(undefined, 'no command given', 'HELP').stderr).toBe(
      'database-config: no command given\n\nHELP\n',
    );
  });
});
