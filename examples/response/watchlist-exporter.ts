// cbapi's watchlist_exporter.py: watchlists to a JSON file (the format cbapi's scripts share,
// so exports move between servers and between cbapi and this SDK).
//
//   node --conditions=@cb/source --import tsx examples/response/watchlist-exporter.ts --output watchlists.json --author SOC
import { writeFile } from 'node:fs/promises';
import { exportWatchlists } from '@cb/response';
import { exampleArgs, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: watchlist-exporter.ts [--output FILE] [--names A,B] [--author WHO] [--description TEXT] [--profile NAME]

Exports watchlists (default: all of them) as JSON.

  --output FILE     file to write (default: stdout)
  --names A,B       only these watchlists (comma-separated names)
  --author WHO      recorded in the file
  --description T   recorded in the file
  --profile NAME    profile in credentials.response (default: default)
  -h, --help        this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    output: { type: 'string', short: 'o' },
    names: { type: 'string' },
    author: { type: 'string' },
    description: { type: 'string' },
  });
  const cb = connect(profile);
  const names = values.names?.split(',').map((n) => n.trim()).filter(Boolean);
  const file = await exportWatchlists(cb, { names, author: values.author, description: values.description });
  const text = `${JSON.stringify(file, null, 2)}\n`;
  if (!values.output) {
    process.stdout.write(text);
    return;
  }
  await writeFile(values.output, text);
  say(`exported ${file.Watchlists.length} watchlist(s) to ${values.output}`);
  for (const w of file.Watchlists) say(`  ${w.Name} (${w.Type}): ${w.SearchString}`);
}

run(main);
