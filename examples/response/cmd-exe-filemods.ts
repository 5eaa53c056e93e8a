// cbapi's cmd_exe_filemods.py: cmd.exe writing .exe or .dll files, with the written binary's
// signature and product name when the server has it. CSV on stdout.
//
//   node --conditions=@cb/source --import tsx examples/response/cmd-exe-filemods.ts > cmd-writes.csv
import { ObjectNotFoundError } from '@cb/core';
import { Binary, Process } from '@cb/response';
import { exampleArgs, run } from '../lib/cli.js';
import { csvRow, say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: cmd-exe-filemods.ts [--process-name NAME] [--profile NAME]

Lists every .exe or .dll file a process (default cmd.exe) wrote, as CSV:
timestamp,hostname,username,process path,file path,type,md5,signed,product name

  --process-name N  process to look at (default cmd.exe)
  --profile NAME    profile in credentials.response (default: default)
  -h, --help        this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { 'process-name': { type: 'string' } });
  const name = values['process-name'] ?? 'cmd.exe';
  const cb = connect(profile);
  say(csvRow(['timestamp', 'hostname', 'username', 'process_path', 'file_path', 'type', 'md5', 'signed', 'product_name']));
  for await (const proc of cb.select(Process).where(`process_name:${name} (filemod:*.exe OR filemod:*.dll)`)) {
    for await (const fm of proc.filemods()) {
      if (!/\.(exe|dll)$/i.test(fm.path)) continue;
      let signed = '';
      let product = '';
      if (fm.type === 'LastWrote' && fm.md5) {
        try {
          const b = await cb.fetch(Binary, fm.md5);
          signed = b.signingData.result;
          product = b.product_name;
        } catch (err) {
          if (!(err instanceof ObjectNotFoundError)) throw err; // never uploaded: leave blank
        }
      }
      say(csvRow([fm.timestamp, proc.hostname, proc.username, proc.path, fm.path, fm.type, fm.md5, signed, product]));
    }
  }
}

run(main);
