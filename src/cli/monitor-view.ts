import type { StoreName } from 'database-config/internal';
import { formatTable } from './status.js';

/** One store in one sample of `database-config monitor`, as it is shown. */
export interface StoreView {
  store: StoreName;
  /** The server, secrets masked. */
  target: string;
  /** Connections in use / open / limit, and callers waiting for one ('-' when the client has no pool). */
  pool: { active?: number; open?: number; max?: number; waiting?: number };
  /** Operations per second since the previous sample. */
  opsPerSecond: number;
  operations: number;
  errors: number;
  timeouts: number;
  p50Ms?: number;
  p99Ms?: number;
  health: 'up' | 'down' | 'unknown';
  healthLatencyMs?: number;
  healthError?: string;
  circuit?: string;
}

/** One sample: when, and every monitored store. */
export interface MonitorView {
  at: Date;
  stores: StoreView[];
}

const COLUMNS = [
  'STORE',
  'POOL',
  'WAIT',
  'OPS/S',
  'OPS',
  'ERR',
  'P50',
  'P99',
  'HEALTH',
  'CIRCUIT',
  'TARGET',
] as const;

const num = (n: number | undefined) => (n === undefined ? '-' : String(n));
const latency = (ms: number | undefined) => (ms === undefined ? '-' : `${ms.toFixed(ms < 10 ? 2 : 1)}ms`);

/** "2/3/10": in use / open / limit. */
function pool(p: StoreView['pool']): string {
  if (p.active === undefined && p.open === undefined && p.max === undefined) return '-';
  return `${num(p.active)}/${num(p.open)}/${num(p.max)}`;
}

function health(s: StoreView): string {
  if (s.health === 'up') return `up ${latency(s.healthLatencyMs)}`;
  return s.health;
}

function cells(s: StoreView): string[] {
  return [
    s.store,
    pool(s.pool),
    num(s.pool.waiting),
    s.opsPerSecond.toFixed(1),
    String(s.operations),
    s.timeouts > 0 ? `${s.errors} (${s.timeouts} t/o)` : String(s.errors),
    latency(s.p50Ms),
    latency(s.p99Ms),
    health(s),
    s.circuit ?? '-',
    s.target,
  ];
}

/** The sample as a terminal table (POOL is in use/open/limit), with why a store is down under it. */
export function formatMonitorTable(view: MonitorView, intervalMs: number): string {
  const down = view.stores.filter((s) => s.health === 'down' && s.healthError);
  return [
    `database-config monitor  ${view.at.toISOString()}  every ${intervalMs} ms  (Ctrl-C to stop)`,
    '',
    formatTable(view.stores.map(cells), COLUMNS),
    ...(down.length > 0 ? ['', ...down.map((s) => `${s.store}: ${s.healthError}`)] : []),
  ].join('\n');
}

/** The sample as plain lines, one per store (`key=value` fields), for logs and pipes. */
export function formatMonitorLines(view: MonitorView): string {
  const time = view.at.toISOString();
  return view.stores
    .map((s) => {
      const fields = [
        time,
        s.store,
        `pool=${pool(s.pool)}`,
        `waiting=${num(s.pool.waiting)}`,
        `ops/s=${s.opsPerSecond.toFixed(1)}`,
        `ops=${s.operations}`,
        `errors=${s.errors}`,
        `timeouts=${s.timeouts}`,
        `p50=${latency(s.p50Ms)}`,
        `p99=${latency(s.p99Ms)}`,
        `health=${health(s).replace(' ', ':')}`,
        `circuit=${s.circuit ?? '-'}`,
        `target=${s.target}`,
        ...(s.health === 'down' && s.healthError ? [`error=${JSON.stringify(s.healthError)}`] : []),
      ];
      return `${fields.join(' ')}\n`;
    })
    .join('');
}

// ANSI: hide and show the cursor; move to the start of the line `n` lines up; clear to the end of the screen.
export const HIDE_CURSOR = '\u001b[?25l';
export const SHOW_CURSOR = '\u001b[?25h';
export const linesUp = (n: number) => `\u001b[${n}F`;
export const CLEAR_DOWN = '\u001b[0J';

/**
 * Redraws a table in place on a terminal: each frame moves the cursor back over the previous one
 * and clears it. Hand-written: four escape sequences do not need a terminal-UI library.
 */
export class InPlaceScreen {
  #lines = 0;
  #write: (text: string) => void;
  #columns: () => number | undefined;

  /** `columns`: the terminal's width; longer lines are cut, since a wrapped line would break the count. */
  constructor(write: (text: string) => void, columns: () => number | undefined = () => undefined) {
    this.#write = write;
    this.#columns = columns;
  }

  draw(frame: string): void {
    const width = this.#columns();
    const lines = frame
      .split('\n')
      .map((line) => (width && line.length >= width ? line.slice(0, width - 1) : line));
    const prefix = this.#lines === 0 ? HIDE_CURSOR : `${linesUp(this.#lines)}${CLEAR_DOWN}`;
    this.#write(`${prefix}${lines.join('\n')}\n`);
    this.#lines = lines.length;
  }

  /** Leaves the last frame on the screen and the cursor visible below it. */
  end(): void {
    if (this.#lines > 0) this.#write(SHOW_CURSOR);
  }
}
