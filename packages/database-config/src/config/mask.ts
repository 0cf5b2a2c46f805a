/** A URL with its password (and any `api-key`/`apiKey` query parameter) replaced by ****. */
export function maskUrl(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '****';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass|secret|key|token/i.test(key)) parsed.searchParams.set(key, '****');
    }
    return parsed.toString();
  } catch {
    // Not parseable: hide everything between "//user:" and the last "@" (a password may hold "@").
    return value.replace(/(\/\/[^:/@]*:).*@/, '$1****@');
  }
}
