// Reading drivers' errors: the codes and messages of an error and of everything it wraps (causes,
// aggregated errors, the MongoDB driver's per-server errors).

/** Every error code, name and message in an error, its causes and the errors it aggregates. */
export function errorTexts(
  error: unknown,
  seen = new Set<unknown>(),
): { codes: string[]; messages: string[] } {
  const out = { codes: [] as string[], messages: [] as string[] };
  if (error === null || typeof error !== 'object' || seen.has(error)) return out;
  seen.add(error);
  const e = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
    reason?: { servers?: Map<string, { error?: unknown }> };
  };
  if (typeof e.code === 'string') out.codes.push(e.code);
  if (typeof e.name === 'string') out.codes.push(e.name);
  if (typeof e.message === 'string' && e.message) out.messages.push(e.message);
  const nested = [
    e.cause,
    ...(Array.isArray(e.errors) ? e.errors : []),
    ...[...(e.reason?.servers?.values() ?? [])].map((server) => server.error),
  ];
  for (const inner of nested) {
    const texts = errorTexts(inner, seen);
    out.codes.push(...texts.codes);
    out.messages.push(...texts.messages);
  }
  return out;
}

/** The most telling message of an error: a nested network error's, else the outer one's. */
export function answerOf(error: unknown): string {
  const { messages } = errorTexts(error);
  const specific = messages.find((m) => /E[A-Z]{4,}|closed|terminated|timed? ?out|Invalid|Protocol/i.test(m));
  return (specific ?? messages[0] ?? String(error)).split('\n')[0]!.trim();
}
