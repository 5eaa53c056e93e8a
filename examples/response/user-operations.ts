// cbapi's user_operations.py: list, add and delete console users (needs a global
// administrator's token). Passwords never go on the command line: they are read from
// $CB_NEW_USER_PASSWORD or, with --password-stdin, from the first line of stdin.
//
//   node --conditions=@cb/source --import tsx examples/response/user-operations.ts list
//   CB_NEW_USER_PASSWORD=... node --conditions=@cb/source --import tsx examples/response/user-operations.ts add \
//        --username jgarman --first-name Jason --last-name Garman --email jgarman@example.com --team 'SOC Analysts'
//   node --conditions=@cb/source --import tsx examples/response/user-operations.ts delete --username jgarman
import { createInterface } from 'node:readline';
import { User } from '@cb/response';
import { choice, exampleArgs, required, run, UsageError } from '../lib/cli.js';
import { say, table } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: user-operations.ts COMMAND [options] [--profile NAME]

Commands:
  list                                   every user with their teams
  add --username U --first-name F --last-name L --email E [--team T]... [--global-admin] [--password-stdin]
                                         add a user (password from $CB_NEW_USER_PASSWORD or stdin)
  delete --username U                    delete a user

  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function main(): Promise<void> {
  const { profile, values, positionals } = exampleArgs(usage, {
    username: { type: 'string', short: 'u' },
    'first-name': { type: 'string' },
    'last-name': { type: 'string' },
    email: { type: 'string' },
    team: { type: 'string', multiple: true },
    'global-admin': { type: 'boolean', default: false },
    'password-stdin': { type: 'boolean', default: false },
  });
  const command = choice(positionals[0], 'command', ['list', 'add', 'delete'] as const);
  const cb = connect(profile);

  switch (command) {
    case 'list': {
      const users = await cb.select(User).sort('username').all();
      // auth_token is deliberately not shown: it is the user's API key.
      say(
        table(
          ['username', 'name', 'email', 'global admin', 'teams'],
          users.map((u) => [u.username, `${u.first_name} ${u.last_name}`.trim(), u.email, u.global_admin, u.teams.map((t) => t.name).join(', ')]),
        ),
      );
      return;
    }
    case 'add': {
      const password = values['password-stdin'] ? await firstLineOfStdin() : process.env.CB_NEW_USER_PASSWORD;
      if (!password) throw new UsageError('no password: set CB_NEW_USER_PASSWORD or pass --password-stdin');
      const user = cb.create(User, {
        username: required(values.username, '--username'),
        first_name: required(values['first-name'], '--first-name'),
        last_name: required(values['last-name'], '--last-name'),
        email: required(values.email, '--email'),
        global_admin: values['global-admin'],
        teams: [],
        password,
      });
      for (const team of values.team ?? []) await user.addTeam(/^\d+$/.test(team) ? Number(team) : team);
      await user.save();
      say(`Added user ${user.username}${user.teams.length ? ` (teams: ${user.teams.map((t) => t.name).join(', ')})` : ''}.`);
      return;
    }
    case 'delete': {
      const user = await cb.fetch(User, required(values.username, '--username'));
      await user.delete();
      say(`Deleted user ${user.username}`);
      return;
    }
  }
}

run(main);
