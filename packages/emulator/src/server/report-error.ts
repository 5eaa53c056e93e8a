// Where unexpected server-side failures go when the caller gave no sink: stderr, so a crashing
// handler or a failed write never goes unnoticed in a test run.
export function reportToStderr(err: unknown, where: string): void {
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`[cb-emulator] ${where}: ${text}\n`);
}
