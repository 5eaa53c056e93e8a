// The user guide's "ban a hash" walkthrough: ban an MD5 (the sensors then block it from
// running), lift a ban, or list the bans.
//
//   node --conditions=@cb/source --import tsx examples/response/ban-hash.ts --md5 7FB55F5A62E78AF9B58D08AAEEAEF848 --text 'Banned from API'
//   node --conditions=@cb/source --import tsx examples/response/ban-hash.ts --unban --md5 7FB55F5A62E78AF9B58D08AAEEAEF848 --text 'false positive'
//   node --conditions=@cb/source --import tsx examples/response/ban-hash.ts --list
import { ObjectNotFoundError } from '@cb/core';
import { BannedHash, HashAlreadyBannedError, normalizeMd5 } from '@cb/response';
import { exampleArgs, required, run } from '../lib/cli.js';
import { say, table } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: ban-hash.ts --md5 MD5 [--text REASON] [--unban] [--profile NAME]
       ban-hash.ts --list [--all] [--profile NAME]

  --md5 MD5        the hash to ban (or, with --unban, to allow again)
  --text REASON    why (recorded on the ban; default "Banned from API")
  --unban          lift the ban instead
  --list           list the bans (enabled ones; --all includes lifted bans)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    md5: { type: 'string' },
    text: { type: 'string' },
    unban: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
    all: { type: 'boolean', default: false },
  });
  const cb = connect(profile);

  if (values.list) {
    const query = values.all ? cb.select(BannedHash) : cb.select(BannedHash).where('enabled:true');
    const bans = await query.all();
    say(`${bans.length} ban(s)`);
    if (bans.length > 0) say(table(['md5', 'enabled', 'by', 'since', 'reason'], bans.map((b) => [b.md5hash, b.enabled, b.username, b.timestamp, b.text])));
    return;
  }

  const md5 = normalizeMd5(required(values.md5, '--md5')).toLowerCase(); // InvalidHashError for a bad hash
  if (values.unban) {
    let ban: BannedHash;
    try {
      ban = await cb.fetch(BannedHash, md5);
    } catch (err) {
      if (!(err instanceof ObjectNotFoundError)) throw err;
      say(`${md5} is not banned`);
      return;
    }
    if (!ban.enabled) {
      say(`${md5} is not banned (the ban was lifted before)`);
      return;
    }
    ban.enabled = false;
    if (values.text) ban.text = values.text; // keeps a reason on record; otherwise the server clears it
    await ban.save();
    say(`lifted the ban on ${md5}${values.text ? `: ${values.text}` : ''}`);
    return;
  }

  const ban = cb.create(BannedHash);
  ban.md5hash = md5;
  ban.text = values.text ?? 'Banned from API';
  try {
    await ban.save();
  } catch (err) {
    if (!(err instanceof HashAlreadyBannedError)) throw err;
    say(`${md5} is already banned: ${err.message}`);
    return;
  }
  const binary = await ban.binary;
  say(`banned ${md5} (${binary ? binary.observedFilenames[0] ?? binary.original_filename : 'never seen by the server'}): ${ban.text}`);
  say(`  enabled ${ban.enabled}, by ${ban.username} at ${ban.timestamp?.toISOString() ?? '?'}`);
}

run(main);
