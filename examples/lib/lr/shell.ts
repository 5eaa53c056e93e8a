// The commands of the Live Response shell (examples/live-response/lr-shell.ts), modelled on
// cbapi's cblr_cli: a pseudo working directory plus one method per command. Output goes through
// `out`, so the shell is the same whether stdin is a terminal or a pipe.
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { isDirectory, type LiveResponseSession, type RegistryValueType } from '@cb/live-response';
import type { CbResponseAPI } from '@cb/response';
import { sensorFrom } from '../sensor-arg.js';
import { baseName, resolveRemote, withoutTrailingSeparator } from './paths.js';
import { splitWords, takeOptions } from './words.js';

/** A mistake in how a shell command was typed (the shell prints it and goes on). */
export class ShellUsageError extends Error {
  override name = 'ShellUsageError';
}

type Handler = (args: string[], line: string, signal: AbortSignal) => Promise<void>;

interface CommandSpec {
  readonly usage: string;
  readonly help: string;
  readonly attached: boolean;
  readonly run: Handler;
}

export const QUIT = Symbol('quit');

/** Registry data as `reg query` prints it: text as is, MULTI_SZ items joined by \0. */
function showData(data: unknown): string {
  if (Array.isArray(data)) return data.map(String).join('\\0');
  return typeof data === 'string' || typeof data === 'number' ? String(data) : JSON.stringify(data);
}

export class LrShell {
  readonly #cb: CbResponseAPI;
  readonly #out: (text: string) => void;
  #session: LiveResponseSession | undefined;
  #cwd = '';
  readonly #commands: Record<string, CommandSpec>;

  constructor(cb: CbResponseAPI, out: (text: string) => void) {
    this.#cb = cb;
    this.#out = out;
    this.#commands = this.#table();
  }

  get attached(): boolean {
    return this.#session !== undefined;
  }

  get prompt(): string {
    return this.#session ? `${this.#cwd}> ` : '(unattached)> ';
  }

  get #windows(): boolean {
    return this.#session?.osType !== 'mac' && this.#session?.osType !== 'linux';
  }

  #say(line = ''): void {
    this.#out(`${line}\n`);
  }

  #path(arg: string): string {
    return resolveRemote(this.#cwd, arg, this.#windows);
  }

  #need(): LiveResponseSession {
    if (!this.#session) throw new ShellUsageError('not attached to a sensor: connect ID|HOSTNAME first');
    return this.#session;
  }

  /** Runs one input line. Resolves to QUIT for exit/quit. */
  async execute(line: string, signal: AbortSignal): Promise<typeof QUIT | void> {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    let words: string[];
    try {
      words = splitWords(trimmed);
    } catch (err) {
      throw new ShellUsageError((err as Error).message);
    }
    const [name = '', ...args] = words;
    const command = name.toLowerCase();
    if (command === 'exit' || command === 'quit') return QUIT;
    const spec = this.#commands[command];
    if (!spec) throw new ShellUsageError(`unknown command '${name}' (type help)`);
    if (spec.attached) this.#need();
    // The raw text after the command name, for commands that pass a command line on.
    const rest = trimmed.slice(trimmed.indexOf(name) + name.length).trim();
    await spec.run(args, rest, signal);
  }

  async connect(target: string, signal?: AbortSignal): Promise<void> {
    const sensor = await sensorFrom(this.#cb, target);
    const offline = sensor.status !== 'Online';
    this.#say(`connecting to ${sensor.hostname} (sensor ${sensor.id}, ${sensor.status})${offline ? ': the session starts when it checks in (Ctrl-C gives up)' : ''}`);
    const session = await sensor.lrSession({ signal });
    await this.detach();
    this.#session = session;
    const windows = this.#windows;
    const start = session.info.current_working_directory || (windows ? `${session.info.drives[0] ?? 'C:\\'}` : '/');
    this.#cwd = withoutTrailingSeparator(start, windows);
    this.#say(`Session: ${String(session.sessionId)} on ${sensor.hostname} (sensor ${sensor.id}, ${session.osType})`);
    this.#say(`  Available Drives: ${session.info.drives.join(' ')}`);
    this.#say(`  Supported Commands: ${session.supportedCommands.join(', ')}`);
    this.#say(`  Working Directory: ${this.#cwd}`);
  }

  /** Gives the session back (closing it on the server). */
  async detach(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    await session?.close();
  }

  help(topic?: string): void {
    if (topic) {
      const spec = this.#commands[topic.toLowerCase()];
      if (!spec) throw new ShellUsageError(`no help for '${topic}'`);
      this.#say(`${spec.usage}\n  ${spec.help}`);
      return;
    }
    this.#say("Commands (paths are relative to the shell's working directory):");
    // Aliases (ls = dir) share one spec: list it once.
    for (const spec of new Set(Object.values(this.#commands))) this.#say(`  ${spec.usage.padEnd(44)} ${spec.help.split('\n')[0]}`);
    this.#say(`  ${'exit | quit'.padEnd(44)} close the session and leave`);
  }

  #table(): Record<string, CommandSpec> {
    const dir: CommandSpec = { usage: 'dir | ls [PATH]', help: 'list a directory', attached: true, run: (a, _l, s) => this.#dir(a, s) };
    return {
      help: { usage: 'help [COMMAND]', help: 'this list, or one command in detail', attached: false, run: async (a) => this.help(a[0]) },
      connect: {
        usage: 'connect ID|HOSTNAME',
        help: 'open a session with a sensor',
        attached: false,
        run: async (a, _l, s) => {
          if (a.length !== 1) throw new ShellUsageError('usage: connect ID|HOSTNAME');
          await this.connect(a[0]!, s);
        },
      },
      detach: { usage: 'detach', help: 'close the session, stay in the shell', attached: true, run: () => this.detach() },
      pwd: { usage: 'pwd', help: 'print the working directory', attached: true, run: async () => this.#say(this.#cwd) },
      cd: { usage: 'cd DIR', help: 'change the working directory (checked on the sensor)', attached: true, run: (a, _l, s) => this.#cd(a, s) },
      dir,
      ls: dir,
      cat: { usage: 'cat FILE', help: 'print a remote file', attached: true, run: (a, _l, s) => this.#cat(a, s) },
      get: { usage: 'get REMOTE LOCAL', help: 'download a file', attached: true, run: (a, _l, s) => this.#get(a, s) },
      put: { usage: 'put LOCAL REMOTE', help: 'upload a file', attached: true, run: (a, _l, s) => this.#put(a, s) },
      del: {
        usage: 'del PATH',
        help: 'delete a file (or an empty directory)',
        attached: true,
        run: async (a, _l, s) => {
          if (a.length !== 1) throw new ShellUsageError('usage: del PATH');
          const path = this.#path(a[0]!);
          await this.#need().deleteFile(path, { signal: s });
          this.#say(`deleted ${path}`);
        },
      },
      mkdir: {
        usage: 'mkdir DIR',
        help: 'create a directory',
        attached: true,
        run: async (a, _l, s) => {
          if (a.length !== 1) throw new ShellUsageError('usage: mkdir DIR');
          const path = this.#path(a[0]!);
          await this.#need().createDirectory(path, { signal: s });
          this.#say(`created ${path}`);
        },
      },
      ps: { usage: 'ps [-v] [-p PID]', help: 'list processes (-v: details)', attached: true, run: (a, _l, s) => this.#ps(a, s) },
      kill: {
        usage: 'kill PID',
        help: 'terminate a process',
        attached: true,
        run: async (a, _l, s) => {
          const pid = Number(a[0]);
          if (a.length !== 1 || !Number.isInteger(pid)) throw new ShellUsageError('usage: kill PID');
          const ok = await this.#need().killProcess(pid, { signal: s });
          this.#say(ok ? `killed ${pid}` : `kill ${pid} was not confirmed in time`);
        },
      },
      exec: {
        usage: 'exec [-o FILE] [-d DIR] [-w] COMMAND...',
        help: 'start a process; -w waits and prints its output, -o keeps the output in a remote file, -d sets its directory',
        attached: true,
        run: (_a, line, s) => this.#exec(line, s),
      },
      reg: {
        usage: 'reg query|add|delete KEY [options]',
        help:
          'registry: reg query KEY [-v NAME] | reg add KEY [-v NAME -t TYPE -d DATA [-f]] | reg delete KEY [-v NAME]\n' +
          '  (add -f overwrites an existing value; -t defaults to REG_SZ)',
        attached: true,
        run: (a, _l, s) => this.#reg(a, s),
      },
      memdump: {
        usage: 'memdump [LOCAL_FILE]',
        help: 'dump the memory (compressed) and download it, then delete the dump on the sensor',
        attached: true,
        run: (a, _l, s) => this.#memdump(a, s),
      },
    };
  }

  async #cd(args: string[], signal: AbortSignal): Promise<void> {
    if (args.length !== 1) throw new ShellUsageError('usage: cd DIR');
    const target = withoutTrailingSeparator(this.#path(args[0]!), this.#windows);
    // Listing a directory's own path (no trailing separator) returns its entry.
    const root = this.#windows ? /^[a-z]:\\$/i.test(target) : target === '/';
    if (!root) {
      const [entry] = await this.#need().listDirectory(target, { signal });
      if (!entry || !isDirectory(entry)) throw new ShellUsageError(`${target} is not a directory`);
    }
    this.#cwd = target;
  }

  async #dir(args: string[], signal: AbortSignal): Promise<void> {
    const sep = this.#windows ? '\\' : '/';
    const path = args[0] ? this.#path(args[0]) : this.#cwd;
    const listed = path.endsWith(sep) ? path : `${path}${sep}`;
    const entries = await this.#need().listDirectory(listed, { signal });
    this.#say(`Directory: ${listed}`);
    for (const e of entries) {
      const when = e.last_write_time ?? e.create_time;
      const stamp = when === undefined ? ''.padEnd(19) : new Date(when * 1000).toISOString().slice(0, 19).replace('T', ' ');
      const size = isDirectory(e) ? '<DIR>'.padEnd(15) : String(e.size).padStart(15);
      this.#say(`${stamp}  ${size}  ${e.filename}`);
    }
  }

  async #cat(args: string[], signal: AbortSignal): Promise<void> {
    if (args.length !== 1) throw new ShellUsageError('usage: cat FILE');
    const text = await this.#need().getFile(this.#path(args[0]!), { encoding: 'utf8', signal });
    this.#out(text.endsWith('\n') ? text : `${text}\n`);
  }

  async #get(args: string[], signal: AbortSignal): Promise<void> {
    if (args.length !== 2) throw new ShellUsageError('usage: get REMOTE LOCAL');
    const remote = this.#path(args[0]!);
    const body = await this.#need().getRawFile(remote, { signal });
    const sink = createWriteStream(args[1]!);
    let bytes = 0;
    const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>).on('data', (c: Buffer) => (bytes += c.byteLength));
    await pipeline(source, sink, { signal });
    this.#say(`${remote} -> ${args[1]} (${bytes} bytes)`);
  }

  async #put(args: string[], signal: AbortSignal): Promise<void> {
    if (args.length !== 2) throw new ShellUsageError('usage: put LOCAL REMOTE');
    const remote = this.#path(args[1]!);
    await this.#need().putFile(createReadStream(args[0]!), remote, { signal });
    this.#say(`${args[0]} -> ${remote}`);
  }

  async #ps(args: string[], signal: AbortSignal): Promise<void> {
    const { options, flags, rest } = takeOptions(args, ['-p'], ['-v']);
    if (rest.length > 0) throw new ShellUsageError('usage: ps [-v] [-p PID]');
    const only = options['-p'] === undefined ? undefined : Number(options['-p']);
    const windows = this.#windows;
    for (const p of await this.#need().listProcesses({ signal })) {
      if (only !== undefined && p.pid !== only) continue;
      if (!flags.has('-v')) {
        this.#say(`${String(p.pid).padStart(6)}  ${baseName(p.path, windows).padEnd(30)} ${p.username}`);
        continue;
      }
      this.#say(`Process: ${p.pid} : ${baseName(p.path, windows)}`);
      this.#say(`  Guid:        ${p.proc_guid ?? ''}`);
      this.#say(`  CreateTime:  ${p.create_time === undefined ? '' : new Date(p.create_time * 1000).toISOString()}`);
      this.#say(`  ParentPid:   ${p.parent ?? ''}`);
      this.#say(`  ParentGuid:  ${p.parent_guid ?? ''}`);
      this.#say(`  SID:         ${(p.sid ?? '').toUpperCase()}`);
      this.#say(`  UserName:    ${p.username}`);
      this.#say(`  ExePath:     ${p.path}`);
      this.#say(`  CommandLine: ${p.command_line}`);
    }
  }

  async #exec(line: string, signal: AbortSignal): Promise<void> {
    // Options come first; the command line after them is passed on exactly as typed.
    let rest = line;
    const opts: Record<string, string> = {};
    let wait = false;
    for (;;) {
      const m = /^(-[odw])(?:\s+|$)/.exec(rest);
      if (!m) break;
      rest = rest.slice(m[0].length);
      if (m[1] === '-w') {
        wait = true;
        continue;
      }
      const value = /^("[^"]*"|\S+)\s*/.exec(rest);
      if (!value) throw new ShellUsageError(`${m[1]} needs a value`);
      opts[m[1]!] = value[1]!.replace(/^"|"$/g, '');
      rest = rest.slice(value[0].length);
    }
    if (rest.trim() === '') throw new ShellUsageError('usage: exec [-o FILE] [-d DIR] [-w] COMMAND...');
    const result = await this.#need().createProcess(rest, {
      waitForOutput: wait,
      waitForCompletion: wait,
      remoteOutputFile: opts['-o'] === undefined ? undefined : this.#path(opts['-o']),
      workingDirectory: opts['-d'] === undefined ? this.#cwd : this.#path(opts['-d']),
      signal,
    });
    if (!wait) {
      this.#say(`started: ${rest}`);
      return;
    }
    const output = result.output?.toString('utf8') ?? '';
    if (output) this.#out(output.endsWith('\n') ? output : `${output}\n`);
    this.#say(`[pid ${result.pid ?? '?'} exited with ${result.returnCode ?? '?'}]`);
  }

  async #reg(args: string[], signal: AbortSignal): Promise<void> {
    const [sub = '', key, ...more] = args;
    if (!key) throw new ShellUsageError('usage: reg query|add|delete KEY [options]');
    const { options, flags, rest } = takeOptions(more, ['-v', '-t', '-d'], ['-f']);
    if (rest.length > 0) throw new ShellUsageError(`unexpected '${rest[0]}' (quote values with spaces)`);
    const session = this.#need();
    const value = options['-v'];
    switch (sub.toLowerCase()) {
      case 'query': {
        if (value !== undefined) {
          const v = await session.getRegistryValue(`${key}\\${value}`, { signal });
          this.#say(`${v.value_name}  ${v.value_type}  ${showData(v.value_data)}`);
          return;
        }
        const listing = await session.listRegistryKeysAndValues(key, { signal });
        this.#say(key);
        for (const v of listing.values) this.#say(`    ${v.value_name || '(Default)'}  ${v.value_type}  ${showData(v.value_data)}`);
        for (const k of listing.sub_keys) this.#say(`    ${k}\\`);
        return;
      }
      case 'add': {
        if (value === undefined) {
          await session.createRegistryKey(key, { signal });
          this.#say(`created key ${key}`);
          return;
        }
        const type = (options['-t'] ?? 'REG_SZ').toUpperCase() as RegistryValueType;
        const raw = options['-d'] ?? '';
        const data = type === 'REG_DWORD' || type === 'REG_QWORD' ? Number(raw) : type === 'REG_MULTI_SZ' ? raw.split('\\0') : raw;
        if (typeof data === 'number' && !Number.isInteger(data)) throw new ShellUsageError(`${type} data must be an integer, got '${raw}'`);
        await session.setRegistryValue(`${key}\\${value}`, data, { valueType: type, overwrite: flags.has('-f'), signal });
        this.#say(`set ${key}\\${value} (${type})`);
        return;
      }
      case 'delete': {
        if (value === undefined) await session.deleteRegistryKey(key, { signal });
        else await session.deleteRegistryValue(`${key}\\${value}`, { signal });
        this.#say(`deleted ${value === undefined ? 'key' : 'value'} ${value === undefined ? key : `${key}\\${value}`}`);
        return;
      }
      default:
        throw new ShellUsageError(`unknown reg subcommand '${sub}': query, add or delete`);
    }
  }

  async #memdump(args: string[], signal: AbortSignal): Promise<void> {
    const local = args[0] ?? `memdump-${String(this.#need().hostId)}.zip`;
    const dump = await this.#need().memdump({ signal });
    this.#say(`dumping memory to ${dump.remoteFile} ...`);
    const status = await dump.wait({ signal, pollDelayMs: 1000 });
    const bytes = await dump.download(local, { signal, pollDelayMs: 1000 });
    await dump.delete({ signal });
    this.#say(`memdump complete (${String(status.percentdone ?? 100)}%): ${bytes} bytes saved to ${local}; ${dump.remoteFile} deleted`);
  }
}
