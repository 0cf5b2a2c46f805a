import pg from 'pg';
import { databaseUrl } from '../../migrations/server-url.js';
import { answerOf, errorTexts } from '../error-texts.js';
import type { ExternalServer } from '../external-services.js';

/**
 * An external PostgreSQL server: `SELECT 1` on its maintenance database (where the setup builds
 * templates), and whether the user may create databases (one per test worker).
 */
export const postgresExternal: ExternalServer = {
  label: 'PostgreSQL',
  port: 5432,
  schemes: ['postgres:', 'postgresql:'],
  example: 'postgresql://user:password@localhost:5432/postgres',
  async check(url, { timeoutMs }) {
    const client = new pg.Client({
      connectionString: databaseUrl(url, 'postgres'),
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      const { rows } = await client.query<{ user: string; allowed: boolean }>(
        'SELECT current_user AS user, rolcreatedb OR rolsuper AS allowed FROM pg_roles WHERE rolname = current_user',
      );
      if (rows[0] && !rows[0].allowed) {
        return {
          problem: `the user ${rows[0].user} may not create databases`,
          answer: 'rolcreatedb = false',
          hint: `Tests create a database per worker: ALTER ROLE ${rows[0].user} CREATEDB, or use a user that may.`,
        };
      }
      return undefined;
    } finally {
      await client.end().catch(() => undefined);
    }
  },
  explain(error) {
    const { codes } = errorTexts(error);
    const answer = answerOf(error);
    // 28P01: wrong password; 28000: no pg_hba.conf entry / role rejected.
    if (codes.includes('28P01') || codes.includes('28000'))
      return { problem: 'authentication failed', answer, hint: 'Check the user and password in the URL.' };
    if (codes.includes('3D000'))
      return {
        problem: 'the maintenance database "postgres" does not exist',
        answer,
        hint: 'The setup builds its templates from there: create it (CREATE DATABASE postgres).',
      };
    // A server that answers with something else than PostgreSQL's protocol.
    if (/unexpected message|Unknown message code|invalid|received invalid response/i.test(answer))
      return { problem: 'the server does not speak the PostgreSQL protocol', answer, foreign: true };
    return undefined;
  },
};
