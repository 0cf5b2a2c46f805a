import { errorTexts, answerOf } from '../error-texts.js';
import type { ExternalServer } from '../external-services.js';

const KEY_SOURCE = 'fixtures.qdrant.apiKey';

/** An external Qdrant server: `GET /collections` with the API key, which must answer Qdrant's JSON. */
export const qdrantExternal: ExternalServer = {
  label: 'Qdrant',
  port: 6333,
  schemes: ['http:', 'https:'],
  example: 'http://localhost:6333',
  async check(url, { timeoutMs, apiKey }) {
    const response = await fetch(`${url.replace(/\/+$/, '')}/collections`, {
      headers: apiKey ? { 'api-key': apiKey } : {},
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    const answer = `HTTP ${response.status} ${response.statusText}${body ? `: ${body.slice(0, 200)}` : ''}`;
    if (response.status === 401 || response.status === 403) {
      return apiKey
        ? {
            problem: `the API key (${KEY_SOURCE}) was refused`,
            answer,
            hint: `Set ${KEY_SOURCE} to the server's key (QDRANT__SERVICE__API_KEY on the server).`,
          }
        : {
            problem: 'the server requires an API key',
            answer,
            hint: `Set ${KEY_SOURCE} to the server's key (QDRANT__SERVICE__API_KEY on the server).`,
          };
    }
    let collections: unknown;
    try {
      collections = (JSON.parse(body) as { result?: { collections?: unknown } }).result?.collections;
    } catch {
      collections = undefined;
    }
    if (!response.ok || !Array.isArray(collections))
      return { problem: 'the server does not answer as Qdrant', answer, foreign: true };
    return undefined;
  },
  explain(error) {
    const { codes } = errorTexts(error);
    // undici's HTTP parser met something that is not HTTP (a Redis, PostgreSQL or MongoDB port).
    if (codes.some((code) => code.startsWith('HPE_')))
      return { problem: 'the server does not speak HTTP', answer: answerOf(error), foreign: true };
    return undefined;
  },
};
