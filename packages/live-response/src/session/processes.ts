// Process commands: list, create (with the wait/output intent of cbapi HEAD) and kill.
import { TimeoutError } from '@cb/core';
import { numberField, toProcesses } from '../internal/normalise.js';
import { tempFileName } from '../internal/paths.js';
import { callTiming } from '../timing.js';
import type { CommandOptions, CreateProcessResult, ProcessInfo } from '../types.js';
import { postCommand, runCommand, waitForCommand } from './command.js';
import type { SessionCore } from './core.js';
import { getFileBytes } from './files.js';

export async function listProcesses(core: SessionCore, options: CommandOptions): Promise<ProcessInfo[]> {
  const done = await runCommand(core, { name: 'process list' }, { timing: callTiming(core.timings.command, options), signal: options.signal });
  return toProcesses(done.completed);
}

export interface CreateProcessOptions extends CommandOptions {
  /** Capture stdout/stderr and return it (default true). Implies waitForCompletion. */
  waitForOutput?: boolean | undefined;
  /** Wait until the process exits (default true). Ignored (true) when waitForOutput. */
  waitForCompletion?: boolean | undefined;
  /** Where the sensor writes the output (default: a temp file, deleted afterwards). */
  remoteOutputFile?: string | undefined;
  workingDirectory?: string | undefined;
}

export async function createProcess(core: SessionCore, commandLine: string, options: CreateProcessOptions): Promise<CreateProcessResult> {
  const waitForOutput = options.waitForOutput ?? true;
  // Output only exists once the process has exited, so wanting it means waiting (cbapi HEAD).
  const wait = waitForOutput || (options.waitForCompletion ?? true);
  const outputFile = options.remoteOutputFile ?? (waitForOutput ? tempFileName(core.osType) : undefined);
  const extra: Record<string, unknown> = { wait };
  if (outputFile !== undefined) extra['output_file'] = outputFile;
  if (options.workingDirectory !== undefined) extra['working_directory'] = options.workingDirectory;
  const command = { name: 'create process', target: commandLine, extra } as const;
  const posted = await postCommand(core, command, options.signal);
  if (!wait) {
    return { pid: numberField(posted.reply, 'pid', 'process_pid'), returnCode: undefined, output: undefined };
  }
  const completed = await waitForCommand(core, posted, command, callTiming(core.timings.createProcess, options), options.signal);
  const pid = numberField(completed, 'pid', 'process_pid');
  const returnCode = numberField(completed, 'return_code');
  if (!waitForOutput || outputFile === undefined) return { pid, returnCode, output: undefined };
  const output = await getFileBytes(core, outputFile, { signal: options.signal });
  if (options.remoteOutputFile === undefined) await deleteTempFile(core, outputFile);
  return { pid, returnCode, output };
}

/** Our own temp file: posted, not polled (as cbapi), and a failure only logged. */
async function deleteTempFile(core: SessionCore, path: string): Promise<void> {
  try {
    await postCommand(core, { name: 'delete file', target: path }, undefined);
  } catch (err) {
    core.logger.warn(`Could not delete the output file ${path} on host ${core.hostId}: ${(err as Error).message}`);
  }
}

/** True when the kill completed; false when it did not within its budget (10 s); errors throw. */
export async function killProcess(core: SessionCore, pid: number, options: CommandOptions): Promise<boolean> {
  try {
    await runCommand(core, { name: 'kill', target: pid }, { timing: callTiming(core.timings.kill, options), signal: options.signal });
    return true;
  } catch (err) {
    if (err instanceof TimeoutError && !options.signal?.aborted) return false;
    throw err;
  }
}
