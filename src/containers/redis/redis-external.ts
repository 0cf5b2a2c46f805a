import { importPeer } from 'database-config/internal';
import { answerOf, errorTexts } from '../error-texts.js';
import type { ExternalServer } from '../external-services.js';

/** An external Redis server: connect (ioredis's ready check authenticates and selects the database), then `PING`. */
export const redisExternal: ExternalServer = {
  label: 'Redis',
  port: 6379,
  schemes: ['redis:', 'rediss:'],
  example: 'redis://:password@localhost:6379/0',
  async check(url, { timeoutMs }) {
    const { Redis } = await importPeer('redis', 'ioredis', () => import('ioredis'));
    const client = new Redis(url, {
      lazyConnect: true,
      connectTimeout: timeoutMs,
      commandTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
      ...(url.startsWith('rediss:') ? { tls: {} } : {}),
    });
    // connect() only says "Connection is closed.": the server's reply (or the socket's error) is kept.
    let reply: Error | undefined;
    let first: Error | undefined;
    client.on('error', (error: Error) => {
      if (error.name === 'ReplyError' || error.name === 'ParserError') reply ??= error;
      first ??= error;
    });
    try {
      await client.connect();
      await client.ping();
      // ioredis reports a failed SELECT of the URL's database as an error event and goes on in db 0.
      if (reply) throw reply;
      return undefined;
    } catch (error) {
      throw reply ?? first ?? error;
    } finally {
      client.disconnect();
    }
  },
  explain(error) {
    const { codes } = errorTexts(error);
    const answer = answerOf(error);
    if (/^WRONGPASS/.test(answer))
      return {
        problem: 'authentication failed',
        answer,
        hint: 'Check the password in the URL (redis://:password@host:6379/0, or redis://user:password@... with ACL users).',
      };
    if (/^NOAUTH/.test(answer))
      return {
        problem: 'the server requires a password',
        answer,
        hint: 'Put it in the URL: redis://:password@host:6379/0.',
      };
    if (/DB index is out of range|invalid DB index/i.test(answer))
      return {
        problem: "the URL's database does not exist on the server",
        answer,
        hint: 'Use a database number below the server’s `databases` setting (the path of the URL, e.g. /0).',
      };
    if (codes.includes('ParserError') || /Protocol error|Unknown RESP type/i.test(answer))
      return { problem: 'the server does not speak the Redis protocol', answer, foreign: true };
    return undefined;
  },
};
