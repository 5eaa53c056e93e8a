// cbapi's new_binaries_after_date.py: binaries written to disk (filemods with an MD5) by
// processes active since a date, with their signature, prevalence and execution count, as CSV.
//
//   node --conditions=@cb/source --import tsx examples/response/new-binaries-after-date.ts --date 2024-04-01 --output new.csv
import { writeFile } from 'node:fs/promises';
import { ObjectNotFoundError } from '@cb/core';
import { Binary, Process } from '@cb/response';
import { exampleArgs, required, run, UsageError } from '../lib/cli.js';
import { csvRow, say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: new-binaries-after-date.ts --date YYYY-MM-DD [--output FILE] [--profile NAME]

Finds binaries that processes wrote since DATE and writes one CSV row per binary.

  --date DATE      new since this day (UTC), YYYY-MM-DD
  --output FILE    CSV file (default: new_binaries_after_date.csv)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

const HEADER = ['Binary MD5', 'Binary Link', 'Signature Status', 'Company', 'Observed Date', 'Host Count', 'Number of Executions'];

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { date: { type: 'string', short: 'd' }, output: { type: 'string', short: 'f' } });
  const date = required(values.date, '--date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new UsageError(`--date must be YYYY-MM-DD, got '${date}'`);
  const output = values.output ?? 'new_binaries_after_date.csv';
  const cb = connect(profile);

  const query = cb.select(Process).where(`filewrite_md5:* last_update:[${date}T00:00:00 TO *]`);
  say(`${await query.count()} processes wrote files with an MD5 since ${date}`);
  const md5s = new Set<string>();
  for await (const proc of query) {
    for await (const fm of proc.filemods()) if (fm.md5) md5s.add(fm.md5.toUpperCase());
  }
  say(`${md5s.size} distinct MD5s written`);

  const lines = [csvRow(HEADER)];
  let unknown = 0;
  for (const md5 of md5s) {
    let binary: Binary;
    try {
      binary = await cb.fetch(Binary, md5);
    } catch (err) {
      // A file the sensor saw written but never uploaded: the server has no binary for it.
      if (err instanceof ObjectNotFoundError) {
        unknown++;
        continue;
      }
      throw err;
    }
    const executions = await cb.select(Process).where(`process_md5:${md5}`).count();
    lines.push(
      csvRow([
        binary.md5,
        binary.webuiLink,
        binary.signingData.result || 'UNSIGNED',
        binary.company_name,
        binary.server_added_timestamp,
        binary.host_count,
        executions,
      ]),
    );
  }
  await writeFile(output, `${lines.join('\n')}\n`);
  say(`wrote ${lines.length - 1} binaries to ${output}${unknown ? ` (${unknown} MD5s unknown to the server)` : ''}`);
}

run(main);
