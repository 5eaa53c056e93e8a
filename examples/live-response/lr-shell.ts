// An interactive Live Response shell, like cbapi's cblr_cli: connect to a sensor, then browse
// and change it with dir/cd/get/put/del/mkdir, ps/kill/exec, reg and memdump. Reads commands
// from a terminal (with a prompt) or from a pipe (each command is echoed, and the exit status
// is 1 if any command failed). The session is closed on exit, at end of input and on Ctrl-C
// (which, while a command runs, cancels only that command).
//
//   node --conditions=@cb/source --import tsx examples/live-response/lr-shell.ts --sensor WIN-IA9NQ1GN8OI
//   printf 'ps\nreg query HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\n' | \
//     node --conditions=@cb/source --import tsx examples/live-response/lr-shell.ts --sensor 1
import { createInterface } from 'node:readline';
import { exampleArgs, intOption, run } from '../lib/cli.js';
import { LrShell, QUIT } from '../lib/lr/shell.js';
import { connect } from '../lib/response.js';

const usage = `Usage: lr-shell.ts [--sensor ID|HOSTNAME] [--profile NAME]

A Live Response command shell. Type "help" for the commands.

  --sensor S       connect to this sensor (id or host name) at start; otherwise use "connect"
  --poll-ms MS     check on sessions and commands every MS ms (default: the SDK's 0.5-5 s)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { sensor: { type: 'string', short: 's' }, 'poll-ms': { type: 'string' } });
  const pollMs = values['poll-ms'] === undefined ? undefined : intOption(values['poll-ms'], '--poll-ms', 500);
  await using cb = connect(profile, { pollMs }); // closing the API closes every session it opened
  const out = (text: string): void => void process.stdout.write(text);
  const shell = new LrShell(cb, out);
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  // Iterate from now on: lines that arrive while the first connect runs are kept, not lost.
  const lines = rl[Symbol.asyncIterator]();
  let running: AbortController | undefined;
  let failures = 0;
  let quit = false;
  const onInterrupt = (): void => {
    if (running) {
      running.abort();
      out('^C (cancelling the command)\n');
    } else {
      quit = true;
      rl.close();
    }
  };
  rl.on('SIGINT', onInterrupt); // a terminal's Ctrl-C
  process.on('SIGINT', onInterrupt); // a signal sent to a piped shell
  try {
    if (values.sensor) {
      // Cancellable too: an offline sensor keeps a new session pending until it checks in.
      running = new AbortController();
      try {
        await shell.connect(values.sensor, running.signal);
      } finally {
        running = undefined;
      }
    }
    if (interactive) {
      rl.setPrompt(shell.prompt);
      rl.prompt();
    }
    for (let next = await lines.next(); !next.done && !quit; next = await lines.next()) {
      const line = next.value;
      if (!interactive && line.trim() !== '') out(`${shell.prompt}${line}\n`);
      running = new AbortController();
      try {
        if ((await shell.execute(line, running.signal)) === QUIT) break;
      } catch (err) {
        failures++;
        const e = err as Error;
        process.stderr.write(`${e.name}: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
      } finally {
        running = undefined;
      }
      if (interactive) {
        rl.setPrompt(shell.prompt);
        rl.prompt();
      }
    }
  } finally {
    rl.close();
    process.off('SIGINT', onInterrupt);
    if (shell.attached) out('closing the session\n');
    await shell.detach();
  }
  if (!interactive && failures > 0) process.exitCode = 1;
}

run(main);
