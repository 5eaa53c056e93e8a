// cbapi's watchlist_operations.py: list watchlists and their actions, add and delete watchlists.
//
//   node --conditions=@cb/source --import tsx examples/response/watchlist-operations.ts list
//   node --conditions=@cb/source --import tsx examples/response/watchlist-operations.ts add --name 'Certutil downloads' --query 'process_name:certutil.exe cmdline:urlcache' --type events
//   node --conditions=@cb/source --import tsx examples/response/watchlist-operations.ts list-actions --name 'Evil processes'
//   node --conditions=@cb/source --import tsx examples/response/watchlist-operations.ts delete --name 'Certutil downloads'
import { Watchlist, type WatchlistIndexType } from '@cb/response';
import { choice, exampleArgs, required, run } from '../lib/cli.js';
import { byIdOrName, oneByIdOrName } from '../lib/lookup.js';
import { say, table } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: watchlist-operations.ts COMMAND [options] [--profile NAME]

Commands:
  list                                         every watchlist with its query and hits
  list-actions (--id ID | --name NAME)         what the server does on a hit
  add --name NAME --query Q [--type events|modules] [--description TEXT] [--count]
                                               add a watchlist (events = processes, modules = binaries);
                                               --count also runs it and prints the number of hits
  delete (--id ID | --name NAME) [--force]     delete (--force: every watchlist of that name)

  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values, positionals } = exampleArgs(usage, {
    id: { type: 'string', short: 'i' },
    name: { type: 'string', short: 'N' },
    query: { type: 'string', short: 'q' },
    type: { type: 'string', short: 't' },
    description: { type: 'string' },
    count: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  });
  const command = choice(positionals[0], 'command', ['list', 'list-actions', 'add', 'delete'] as const);
  const cb = connect(profile);
  const byId = (id: string): Promise<Watchlist> => cb.fetch(Watchlist, id);

  switch (command) {
    case 'list': {
      const all = await cb.select(Watchlist).sort('id').all();
      say(
        table(
          ['id', 'name', 'type', 'enabled', 'hits', 'last hit', 'query'],
          all.map((w) => [w.id, w.name, w.index_type, w.enabled, w.total_hits, w.lastHitAt, w.query]),
        ),
      );
      return;
    }
    case 'list-actions': {
      const w = await oneByIdOrName('watchlist', cb.select(Watchlist), byId, values.id, values.name);
      const actions = await w.actions.all();
      say(`Actions in watchlist ${w.name} (id ${w.id}):${actions.length === 0 ? ' none' : ''}`);
      for (const a of actions) say(`  - ${a.type}: ${JSON.stringify(a.data)}`);
      return;
    }
    case 'add': {
      const type = choice(values.type ?? 'events', '--type', ['events', 'modules'] as const) satisfies WatchlistIndexType;
      const w = cb.create(Watchlist);
      w.name = required(values.name, '--name');
      w.index_type = type;
      w.query = required(values.query, '--query');
      if (values.description) w.description = values.description;
      await w.save();
      say(`Added watchlist. New watchlist ID is ${w.id} (search_query ${w.search_query})`);
      if (values.count) {
        const search = await w.search();
        say(`it matches ${await search.count()} ${type === 'events' ? 'process segment(s)' : 'binaries'} now`);
      }
      return;
    }
    case 'delete': {
      const found = await byIdOrName('watchlist', cb.select(Watchlist), byId, values.id, values.name);
      if (found.length > 1 && !values.force) {
        say(`${found.length} watchlists match and --force not specified. No action taken.`);
        process.exitCode = 1;
        return;
      }
      for (const w of found) {
        await w.delete();
        say(`Deleted watchlist id ${w.id} with name ${w.name}`);
      }
      return;
    }
  }
}

run(main);
