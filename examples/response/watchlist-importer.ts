// cbapi's watchlist_importer.py: create the watchlists of an export file (see
// watchlist-exporter.ts). The file is validated before anything is sent; watchlists whose name
// exists already are skipped (or, with --on-existing error, fail with a ConflictError).
//
//   node --conditions=@cb/source --import tsx examples/response/watchlist-importer.ts --input watchlists.json
import { readFile } from 'node:fs/promises';
import { importWatchlists } from '@cb/response';
import { choice, exampleArgs, required, run, UsageError } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: watchlist-importer.ts --input FILE [--on-existing skip|error] [--profile NAME]

Creates the watchlists listed in an export file.

  --input FILE          JSON file written by watchlist-exporter.ts (or cbapi's exporter)
  --on-existing WHAT    a watchlist of that name exists: skip it (default) or stop with an error
  --profile NAME        profile in credentials.response (default: default)
  -h, --help            this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { input: { type: 'string', short: 'i' }, 'on-existing': { type: 'string' } });
  const onExisting = choice(values['on-existing'] ?? 'skip', '--on-existing', ['skip', 'error'] as const);
  const input = required(values.input, '--input');
  let data: unknown;
  try {
    data = JSON.parse(await readFile(input, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read ${input} as JSON: ${(err as Error).message}`);
  }
  const cb = connect(profile);
  const { created, skipped } = await importWatchlists(cb, data, { onExisting }); // InvalidObjectError for a malformed file
  for (const w of created) say(`created watchlist ${w.id}: ${w.name} (${w.index_type}) ${w.query}`);
  for (const name of skipped) say(`skipped ${name}: a watchlist of that name exists`);
  say(`${created.length} created, ${skipped.length} skipped`);
}

run(main);
