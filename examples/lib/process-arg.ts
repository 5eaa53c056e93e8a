// `--process` of the process examples: a process GUID, a GUID with segment (unique id), or the
// URL of the console's process analysis page (`https://cb/#/analyze/<guid>/<segment>`).
import { Process, type CbResponseAPI } from '@cb/response';
import { UsageError } from './cli.js';

export async function processFrom(cb: CbResponseAPI, arg: string): Promise<Process> {
  if (/^https?:\/\//i.test(arg)) {
    const target = await cb.fromUi(arg);
    if (!(target instanceof Process)) throw new UsageError(`${arg} is not a process analysis page (#/analyze/<guid>/<segment>)`);
    return target.load();
  }
  return cb.fetch(Process, arg); // InvalidObjectError for a malformed id, ObjectNotFoundError for an unknown one
}
