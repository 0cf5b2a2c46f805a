/** What a command ends with: the exit code, and text for stdout and stderr that main() writes. */
export interface CommandResult {
  exitCode: number;
  /** The child process the command ran ended by this signal: main() ends by the same one. */
  signal?: NodeJS.Signals;
  stdout?: string;
  stderr?: string;
}

/** Exit code of a usage error (unknown command or option), as shells and their tools use it. */
export const USAGE_EXIT_CODE = 2;

/** A usage error of `command`: what was wrong, then the command's help, on stderr; exit code 2. */
export function usageError(command: string | undefined, problem: string, help: string): CommandResult {
  return {
    exitCode: USAGE_EXIT_CODE,
    stderr: `database-config${command ? ` ${command}` : ''}: ${problem}\n\n${help}\n`,
  };
}
