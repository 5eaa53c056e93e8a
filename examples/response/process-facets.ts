// The user guide's facets walkthrough and cbapi's tf.py (term frequency): how often each
// process name occurs under a query, drawn as a bar chart, with the rare ones (at most
// --percentage of all) listed with where they ran: rare children of a common parent are
// what an analyst looks at first.
//
//   node --conditions=@cb/source --import tsx examples/response/process-facets.ts --query 'parent_name:cmd.exe'
import { Process } from '@cb/response';
import { exampleArgs, intOption, numberOption, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: process-facets.ts [--query Q] [--field F] [--percentage P] [--width N] [--profile NAME]

Draws the facet counts of a process search as a histogram, then lists the rare terms.

  --query Q        process query (default: every process), e.g. 'parent_name:cmd.exe'
  --field F        field to facet on (default process_name; e.g. hostname, username, parent_name)
  --percentage P   list terms with at most P% of all hits (default 2; 0 = none)
  --width N        width of the longest bar (default 40)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    query: { type: 'string', short: 'q' },
    field: { type: 'string', short: 'f' },
    percentage: { type: 'string', short: 'p' },
    width: { type: 'string' },
  });
  const field = values.field ?? 'process_name';
  const rare = numberOption(values.percentage, '--percentage', 2);
  const width = Math.max(1, intOption(values.width, '--width', 40));
  const cb = connect(profile);
  const query = values.query ? cb.select(Process).where(values.query) : cb.select(Process);

  const facets = await query.facets(field);
  const terms = facets[field] ?? [];
  if (terms.length === 0) {
    say(`no ${field} values for ${values.query ?? 'all processes'}`);
    return;
  }
  const nameWidth = Math.min(40, Math.max(...terms.map((t) => t.name.length)));
  say(`${field} under ${values.query ? `'${values.query}'` : 'all processes'} (${terms.length} terms)`);
  for (const t of terms) {
    const bar = '#'.repeat(Math.max(1, Math.round((t.percent / 100) * width)));
    say(`${t.name.slice(0, nameWidth).padEnd(nameWidth)} ${String(t.value).padStart(6)} ${t.ratio.toFixed(1).padStart(5)}%  ${bar}`);
  }

  if (rare <= 0) return;
  const rareTerms = terms.filter((t) => t.ratio <= rare);
  say();
  say(`${rareTerms.length} rare term(s) (<= ${rare}% of hits):`);
  for (const t of rareTerms) {
    const q = `${values.query ? `${values.query} ` : ''}${field}:${JSON.stringify(t.name)}`;
    for await (const p of cb.select(Process).where(q).groupBy('id')) {
      say(`  ${t.name}: ${p.hostname} ${p.username} ${p.cmdline}  ${p.webuiLink ?? ''}`);
    }
  }
}

run(main);
