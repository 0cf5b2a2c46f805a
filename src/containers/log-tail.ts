import type { Readable } from 'node:stream';

/** How long a failed start waits for the log stream to deliver what the container wrote. */
const SETTLE_MS = 1_000;

/**
 * The last lines a container wrote while starting, kept for the error when it exits during
 * start. Fed by testcontainers' log consumer; closed once the container is up, so no log stream
 * outlives the start.
 */
export class LogTail {
  #lines: string[] = [];
  #partial = '';
  #stream: Readable | undefined;
  #ended: Promise<void> | undefined;

  constructor(readonly size: number) {}

  /** testcontainers' `withLogConsumer` callback. */
  readonly consume = (stream: Readable): void => {
    this.#stream = stream;
    this.#ended = new Promise((done) => {
      stream.once('end', done);
      stream.once('close', done);
      stream.once('error', done);
    });
    stream.on('data', (chunk: Buffer | string) => {
      const lines = (this.#partial + String(chunk)).split('\n');
      this.#partial = lines.pop() ?? '';
      for (const line of lines) this.#push(line);
    });
  };

  #push(line: string) {
    const trimmed = line.replace(/\r$/, '');
    if (trimmed.trim() === '') return;
    this.#lines.push(trimmed);
    if (this.#lines.length > this.size) this.#lines.shift();
  }

  /** Stops reading (the container started). */
  close(): void {
    this.#stream?.destroy();
  }

  /** The last lines, once the stream has ended (the container exited) or after a short wait. */
  async settle(): Promise<string[]> {
    if (this.#ended) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.#ended, new Promise((done) => (timer = setTimeout(done, SETTLE_MS)))]);
      clearTimeout(timer);
    }
    this.close();
    if (this.#partial) this.#push(this.#partial);
    this.#partial = '';
    return [...this.#lines];
  }
}
