// cbapi's alert_search.py: alerts matching a query, newest first.
//
//   node --conditions=@cb/source --import tsx examples/response/alert-search.ts --query 'status:Unresolved'
import { Alert } from '@cb/response';
import { exampleArgs, intOption, run } from '../lib/cli.js';
import { say, table } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: alert-search.ts [--query Q] [--max N] [--profile NAME]

Lists alerts (newest first) with their status, score, host and what triggered them.

  --query Q        alert query, e.g. 'status:Unresolved' or 'watchlist_name:"Evil processes"'
  --max N          at most N alerts (default 20; 0 = all)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { query: { type: 'string' }, max: { type: 'string' } });
  const max = intOption(values.max, '--max', 20);
  const cb = connect(profile);
  let query = cb.select(Alert).sort('created_time desc');
  if (values.query) query = query.where(values.query);
  const total = await query.count();
  const rows: unknown[][] = [];
  for await (const a of query) {
    if (max > 0 && rows.length >= max) break;
    const source = a.watchlist_name || a.feed_name;
    rows.push([a.created_time, a.status, a.report_score, a.hostname, a.process_name || a.md5, `${source}: ${a.ioc_value || a.ioc_type}`]);
  }
  say(`${total} alert(s) match ${values.query ? `'${values.query}'` : 'the empty query'}`);
  if (rows.length > 0) say(table(['created', 'status', 'score', 'host', 'process / md5', 'trigger'], rows));
}

run(main);
