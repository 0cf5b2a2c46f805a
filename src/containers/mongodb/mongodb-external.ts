import { importPeer } from 'database-config/internal';
import { answerOf, errorTexts } from '../error-texts.js';
import type { ExternalServer } from '../external-services.js';

/** An external MongoDB server: `ping`, then `listDatabases` (which needs the URL's credentials). */
export const mongodbExternal: ExternalServer = {
  label: 'MongoDB',
  port: 27017,
  schemes: ['mongodb:', 'mongodb+srv:'],
  example: 'mongodb://user:password@localhost:27017/?directConnection=true',
  async check(url, { timeoutMs }) {
    const { MongoClient } = await importPeer('mongodb', 'mongodb', () => import('mongodb'));
    const client = new MongoClient(url, {
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
      socketTimeoutMS: timeoutMs,
    });
    try {
      await client.connect();
      const admin = client.db('admin');
      await admin.command({ ping: 1 });
      await admin.command({ listDatabases: 1, nameOnly: true });
      return undefined;
    } finally {
      await client.close().catch(() => undefined);
    }
  },
  explain(error) {
    const { codes } = errorTexts(error);
    const answer = answerOf(error);
    const code = (error as { code?: unknown }).code;
    if (code === 18 || /Authentication failed/i.test(answer))
      return { problem: 'authentication failed', answer, hint: 'Check the user and password in the URL.' };
    if (code === 13)
      return {
        problem: 'the server wants a user with rights on every database',
        answer,
        hint: 'Put a user and password in the URL (mongodb://user:password@host:27017/?authSource=admin).',
      };
    if (codes.includes('MongoParseError') || codes.includes('MongoInvalidArgumentError'))
      return { problem: 'the driver refused the URL', answer, hint: 'Fix the URL (its options).' };
    if (/invalid message|message size|unexpected|bson|parse/i.test(answer))
      return { problem: 'the server does not speak the MongoDB protocol', answer, foreign: true };
    return undefined;
  },
};
