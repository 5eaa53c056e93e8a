// Status spellings differ by product and even by endpoint (`active`, `ACTIVE`, `complete`,
// `COMPLETE`; the v6 commands endpoint may answer in lower case): always compare folded.
export function sameStatus(actual: unknown, expected: string): boolean {
  return typeof actual === 'string' && actual.toLowerCase() === expected.toLowerCase();
}

export function statusOf(doc: Readonly<Record<string, unknown>>): string {
  const status = doc['status'];
  return typeof status === 'string' ? status : String(status ?? '');
}
