import { fileURLToPath } from 'node:url';

/** A captured stack, formatted only when read (V8 formats `stack` lazily). */
export type CallSite = { stack?: string };

/**
 * Captures the current stack, `frames` deep, cheaply (formatted only if read); read it with
 * {@link describeCallSite} when the operation was slow.
 */
export function captureCallSite(frames: number): CallSite {
  const site: CallSite = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = frames;
  Error.captureStackTrace(site, captureCallSite);
  Error.stackTraceLimit = limit;
  return site;
}

// Frames that are not the application's: Node's internals, dependencies, this package.
const LIBRARY_FRAME = /node:|node_modules[\\/]|[\\/]database-config[\\/](?:dist|src)[\\/]/;

/** The first frame with a file outside Node, dependencies and this library (not a generator's `<anonymous>`), shortened: `at getUser (src/users.ts:12:5)`. */
export function describeCallSite(site: CallSite | undefined): string | undefined {
  const lines = site?.stack?.split('\n').slice(1) ?? [];
  const frame = lines
    .map((line) => line.trim())
    .find((line) => line.startsWith('at ') && /:\d+:\d+\)?$/.test(line) && !LIBRARY_FRAME.test(line));
  if (!frame) return undefined;
  const cwd = process.cwd();
  return frame
    .replace(/file:\/\/[^\s)]+/g, (url) => {
      try {
        return fileURLToPath(url);
      } catch {
        return url;
      }
    })
    .replaceAll(`${cwd}/`, '');
}
