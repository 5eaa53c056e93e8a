// cbapi's check_datasharing.py: which sensor groups send unknown binaries to VirusTotal (a
// privacy decision worth auditing). The SDK has no model for data-sharing settings, so this
// uses the API's request() escape hatch: GET /api/v1/group/{id}/datasharing.
//
//   node --conditions=@cb/source --import tsx examples/response/check-datasharing.ts [--fail-if-sharing]
import { SensorGroup } from '@cb/response';
import { exampleArgs, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: check-datasharing.ts [--fail-if-sharing] [--profile NAME]

Lists the sensor groups configured to share unknown binaries with VirusTotal.

  --fail-if-sharing  exit with status 3 when any group shares (for scheduled checks)
  --profile NAME     profile in credentials.response (default: default)
  -h, --help         this text`;

interface SharingSetting {
  id?: number;
  group_id?: number;
  who?: string;
  what?: string;
}

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { 'fail-if-sharing': { type: 'boolean', default: false } });
  const cb = connect(profile);
  const groups = await cb.select(SensorGroup).sort('id').all();
  const sharing: SensorGroup[] = [];
  for (const g of groups) {
    const res = await cb.request<SharingSetting[] | null>('GET', `/api/v1/group/${g.id}/datasharing`);
    const settings = Array.isArray(res.data) ? res.data : [];
    if (settings.some((s) => s.what === 'BIN' && s.who === 'VIRUSTOTAL')) sharing.push(g);
  }
  if (sharing.length === 0) {
    say('No sensor groups are configured to send unknown binaries to VirusTotal');
    return;
  }
  say(
    sharing.length === groups.length
      ? '**ALL** sensor groups are configured to send unknown binaries to VirusTotal'
      : 'The following sensor groups are configured to send unknown binaries to VirusTotal:',
  );
  for (const g of sharing) say(`  id ${g.id}: ${g.name}`);
  if (values['fail-if-sharing']) process.exitCode = 3;
}

run(main);
