// cbapi's feed_operations.py: list, add and delete threat intelligence feeds, and list a feed's
// actions.
//
//   node --conditions=@cb/source --import tsx examples/response/feed-operations.ts list
//   node --conditions=@cb/source --import tsx examples/response/feed-operations.ts add --feed-url https://intel.example.com/feed.json --enable
//   node --conditions=@cb/source --import tsx examples/response/feed-operations.ts actions --name SOC
//   node --conditions=@cb/source --import tsx examples/response/feed-operations.ts delete --name myfeed
import { readFile } from 'node:fs/promises';
import { ServerError } from '@cb/core';
import { Feed } from '@cb/response';
import { choice, exampleArgs, required, run, UsageError } from '../lib/cli.js';
import { byIdOrName, oneByIdOrName } from '../lib/lookup.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: feed-operations.ts COMMAND [options] [--profile NAME]

Commands:
  list                              every configured feed
  add --feed-url URL [--enable] [--use-proxy] [--validate-server-cert]
      [--username USER] [--cert FILE --key FILE] [--force]
                                    add a feed (HTTP Basic password from $CB_FEED_PASSWORD);
                                    --force adds it even if a feed has this URL
  delete (--id ID | --name NAME) [--force]
                                    delete a feed (--force: every feed of that name)
  actions (--id ID | --name NAME)   what the server does on a hit of the feed

  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

const SHOWN = ['id', 'name', 'display_name', 'category', 'enabled', 'provider_url', 'feed_url', 'use_proxy', 'validate_server_cert'] as const;

async function main(): Promise<void> {
  const { profile, values, positionals } = exampleArgs(usage, {
    'feed-url': { type: 'string', short: 'u' },
    enable: { type: 'boolean', short: 'e', default: false },
    'use-proxy': { type: 'boolean', default: false },
    'validate-server-cert': { type: 'boolean', default: false },
    username: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    id: { type: 'string', short: 'i' },
    name: { type: 'string', short: 'n' },
    force: { type: 'boolean', default: false },
  });
  const command = choice(positionals[0], 'command', ['list', 'add', 'delete', 'actions'] as const);
  const cb = connect(profile);
  const byId = (id: string): Promise<Feed> => cb.fetch(Feed, Number(id));

  switch (command) {
    case 'list': {
      for (const f of await cb.select(Feed).sort('id').all()) {
        for (const field of SHOWN) say(`${field.padEnd(20)}: ${String(f.get(field, ''))}`);
        // Credentials are never printed, only whether there are any.
        if (f.username) say(`${'username'.padEnd(20)}: ${f.username} (password set: ${f.password ? 'yes' : 'no'})`);
        if (f.ssl_client_crt) say(`${'ssl_client_crt'.padEnd(20)}: (TLS client certificate configured)`);
        say();
      }
      return;
    }
    case 'add': {
      const url = required(values['feed-url'], '--feed-url');
      const existing = (await cb.select(Feed).all()).filter((f) => f.feed_url === url);
      if (existing.length > 0) {
        say(`Warning: feed(s) already configured for ${url}: ${existing.map((f) => `${f.id} (${f.name})`).join(', ')}`);
        if (!values.force) return;
      }
      if ((values.cert === undefined) !== (values.key === undefined)) throw new UsageError('--cert and --key go together');
      const feed = cb.create(Feed);
      feed.feed_url = url;
      feed.enabled = values.enable;
      feed.use_proxy = values['use-proxy'];
      feed.validate_server_cert = values['validate-server-cert'];
      if (values.username) {
        feed.username = values.username;
        feed.password = process.env.CB_FEED_PASSWORD ?? null;
      }
      if (values.cert && values.key) {
        feed.ssl_client_crt = await readFile(values.cert, 'utf8');
        feed.ssl_client_key = await readFile(values.key, 'utf8');
      }
      try {
        await feed.save();
      } catch (err) {
        // A 500 usually means the server could not fetch the feed document.
        if (err instanceof ServerError && err.status === 500) {
          throw new ServerError(`Could not add feed: the server could not retrieve ${url}; check its connectivity and the credentials`, {
            status: 500,
            body: err.body,
            cause: err,
          });
        }
        throw err;
      }
      say(`Added feed. New feed ID is ${feed.id} (name ${feed.name}, ${feed.enabled ? 'enabled' : 'disabled'})`);
      return;
    }
    case 'delete': {
      const feeds = await byIdOrName('feed', cb.select(Feed), byId, values.id, values.name);
      if (feeds.length > 1 && !values.force) {
        say(`${feeds.length} feeds match and --force not specified. No action taken.`);
        process.exitCode = 1;
        return;
      }
      for (const f of feeds) {
        await f.delete();
        say(`Deleted feed id ${f.id} with name ${f.name}`);
      }
      return;
    }
    case 'actions': {
      const feed = await oneByIdOrName('feed', cb.select(Feed), byId, values.id, values.name);
      const actions = await feed.actions.all();
      say(`Actions of feed ${feed.name} (id ${feed.id}):${actions.length === 0 ? ' none' : ''}`);
      for (const a of actions) say(`  - ${a.id}: ${a.type} ${JSON.stringify(a.data)}`);
      return;
    }
  }
}

run(main);
