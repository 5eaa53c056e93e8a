// cbapi's alert_bulk_resolve.py, the bulk way: every not-yet-resolved alert matching a query is
// resolved with one AlertQuery.changeStatus('Resolved') (ids collected first, then posted in
// chunks of 500) instead of one request per alert.
//
//   node --conditions=@cb/source --import tsx examples/response/alert-bulk-resolve.ts --query 'hostname:WKS-IT-0649'
import { Alert } from '@cb/response';
import { exampleArgs, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: alert-bulk-resolve.ts [--query Q] [--dry-run] [--profile NAME]

Resolves every alert matching Q that is not resolved yet.

  --query Q        alert query (default: every alert), e.g. 'watchlist_name:"Evil processes"'
  --dry-run        only count what would be resolved
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { query: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } });
  const cb = connect(profile);
  let query = cb.select(Alert).where('-status:Resolved');
  if (values.query) query = query.and(values.query);
  const pending = await query.count();
  if (pending === 0) {
    say('Congratulations! You have no unresolved alerts!');
    return;
  }
  if (values['dry-run']) {
    say(`would resolve ${pending} alert(s)`);
    return;
  }
  const resolved = await query.changeStatus('Resolved', {
    onProgress: ({ phase, done, total }) => say(`  ${phase}: ${done}/${total}`),
  });
  say(`Complete. Resolved ${resolved} alert(s).`);
}

run(main);
