// cbapi's download_sensor_installer.py: a sensor group's installer package.
//
//   node --conditions=@cb/source --import tsx examples/response/download-sensor-installer.ts --group Workstations --type windows/msi --output sensor.zip
import { writeFile } from 'node:fs/promises';
import { SensorGroup, type InstallerType } from '@cb/response';
import { choice, exampleArgs, required, run } from '../lib/cli.js';
import { oneByIdOrName } from '../lib/lookup.js';
import { formatBytes, say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const TYPES = ['windows/exe', 'windows/msi', 'osx', 'linux'] as const satisfies readonly InstallerType[];
const EXTENSIONS: Record<InstallerType, string> = { 'windows/exe': 'exe', 'windows/msi': 'zip', osx: 'zip', linux: 'tar.gz' };

const usage = `Usage: download-sensor-installer.ts --group ID|NAME [--type TYPE] [--output FILE] [--profile NAME]

Downloads the sensor installer of a sensor group.

  --group G        sensor group id or name
  --type TYPE      ${TYPES.join(', ')} (default windows/exe; msi and osx come as ZIP files, linux as tar.gz)
  --output FILE    where to save it (default: sensor-<group id>-<type>.<ext>)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { group: { type: 'string', short: 'g' }, type: { type: 'string', short: 't' }, output: { type: 'string', short: 'o' } });
  const group = required(values.group, '--group');
  const type = choice(values.type ?? 'windows/exe', '--type', TYPES);
  const cb = connect(profile);
  const isId = /^\d+$/.test(group);
  const sg = await oneByIdOrName('sensor group', cb.select(SensorGroup), (id) => cb.fetch(SensorGroup, Number(id)), isId ? group : undefined, isId ? undefined : group);
  const bytes = await sg.getInstaller(type);
  const output = values.output ?? `sensor-${sg.id}-${type.replace('/', '-')}.${EXTENSIONS[type]}`;
  await writeFile(output, bytes);
  say(`saved the ${type} installer of group ${sg.name} (id ${sg.id}) to ${output} (${formatBytes(bytes.byteLength)})`);
}

run(main);
