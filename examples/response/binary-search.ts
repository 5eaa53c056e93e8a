// cbapi's binary_search.py: a binary search with each hit's signature, version info and
// where it was seen.
//
//   node --conditions=@cb/source --import tsx examples/response/binary-search.ts --query 'digsig_result:Unsigned'
import { Binary } from '@cb/response';
import { exampleArgs, intOption, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: binary-search.ts [--query Q] [--max N] [--profile NAME]

Searches binaries and prints a summary of each match.

  --query Q        binary search query (default: all binaries), e.g. 'company_name:Microsoft'
  --max N          print at most N binaries (default 10; 0 = all)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { query: { type: 'string' }, max: { type: 'string' } });
  const max = intOption(values.max, '--max', 10);
  const cb = connect(profile);
  let query = cb.select(Binary);
  if (values.query) query = query.where(values.query);
  const total = await query.count();
  say(`${total} binaries match ${values.query ? `'${values.query}'` : 'the empty query'}`);
  let shown = 0;
  for await (const b of query) {
    if (max > 0 && shown >= max) break;
    shown++;
    say();
    say(`${b.md5}  ${b.observedFilenames[0] ?? b.original_filename}`);
    say(`  description  ${b.file_desc || '-'}  (${b.company_name || 'unknown company'})`);
    say(`  version      ${b.versionInfo.fileVersion || '-'}   product ${b.versionInfo.productName || '-'} ${b.versionInfo.productVersion || ''}`);
    say(`  signature    ${b.signingData.result || 'Unsigned'}${b.signingData.publisher ? ` by ${b.signingData.publisher}` : ''}`);
    say(`  size         ${b.size} bytes, ${b.is64bit ? '64' : '32'}-bit${b.isExecutableImage ? ', executable' : ''}`);
    say(`  seen on      ${b.host_count} host(s): ${b.endpoint.map((e) => e.split('|')[0]).join(', ')}`);
    say(`  first seen   ${b.server_added_timestamp.toISOString()}   ${b.webuiLink}`);
  }
  if (shown < total) say(`\n(${total - shown} more; raise --max to see them)`);
}

run(main);
