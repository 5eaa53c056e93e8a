// cbapi's sensor_export.py: sensors as CSV, with the fields you choose and an optional filter.
//
//   node --conditions=@cb/source --import tsx examples/response/sensor-export.ts --output sensors.csv
//   node --conditions=@cb/source --import tsx examples/response/sensor-export.ts --output ws.csv --query groupid:2 --fields id,hostname,status
import { writeFile } from 'node:fs/promises';
import { Sensor } from '@cb/response';
import { exampleArgs, required, run, UsageError } from '../lib/cli.js';
import { csvRow, say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const DEFAULT_FIELDS = 'id,hostname,group_id,network_interfaces,os_environment_display_string,build_version_string,network_isolation_enabled,last_checkin_time';

/** cbapi's property names besides the document's fields. */
const DERIVED: Record<string, (s: Sensor) => unknown> = {
  hostname: (s) => s.hostname,
  dns_name: (s) => s.dnsName,
  os: (s) => s.os,
  sid: (s) => s.sid,
  webui_link: (s) => s.webuiLink,
  network_interfaces: (s) => s.networkInterfaces.map((i) => `${i.ipaddr} (${i.macaddr})`).join('; '),
};

const usage = `Usage: sensor-export.ts --output FILE [--fields F1,F2,...] [--query Q] [--profile NAME]

Exports sensors as CSV.

  --output FILE    CSV file to write
  --fields LIST    columns (default ${DEFAULT_FIELDS});
                   any sensor field, or ${Object.keys(DERIVED).join(', ')}
  --query Q        one filter: ip:<addr>, hostname:<name> or groupid:<id>
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    output: { type: 'string', short: 'o' },
    fields: { type: 'string', short: 'f' },
    query: { type: 'string', short: 'q' },
  });
  const output = required(values.output, '--output');
  const fields = (values.fields ?? DEFAULT_FIELDS).split(',').map((f) => f.trim()).filter(Boolean);
  const known = new Set([...Object.keys(Sensor.table.fields), ...Object.keys(DERIVED)]);
  const unknown = fields.filter((f) => !known.has(f));
  if (unknown.length > 0) throw new UsageError(`unknown sensor field(s): ${unknown.join(', ')}`);

  const cb = connect(profile);
  // InvalidQueryFieldError for a filter the server does not take.
  const sensors = await (values.query ? cb.select(Sensor).where(values.query) : cb.select(Sensor)).sort('id').all();
  const lines = [csvRow(fields)];
  for (const s of sensors) lines.push(csvRow(fields.map((f) => DERIVED[f]?.(s) ?? s.get(f, ''))));
  await writeFile(output, `${lines.join('\n')}\n`);
  say(`Export finished, exported ${sensors.length} sensor(s) to ${output}`);
}

run(main);
