// cbapi's server_info.py: the server's /api/info, key by key.
//
//   node --conditions=@cb/source --import tsx examples/response/server-info.ts --profile default
import { exampleArgs, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: server-info.ts [--profile NAME]

Prints the Cb Response server's version and settings (GET /api/info).

  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile } = exampleArgs(usage, {});
  const cb = connect(profile);
  const info = await cb.info();
  say(cb.url);
  say('-'.repeat(80));
  for (const key of Object.keys(info).sort()) {
    const value = info[key];
    say(`${key.padEnd(30)} : ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`);
  }
  say();
  say(`process event API: ${await cb.processApiVersion()}`);
}

run(main);
