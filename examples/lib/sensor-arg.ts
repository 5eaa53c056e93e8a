// `--sensor` of the sensor examples: a sensor id or a host name (as cbapi's cblr_cli connect).
import { Sensor, type CbResponseAPI } from '@cb/response';
import { NoMatchError } from './lookup.js';

export async function sensorFrom(cb: CbResponseAPI, arg: string): Promise<Sensor> {
  if (/^\d+$/.test(arg)) return cb.fetch(Sensor, Number(arg)); // ObjectNotFoundError for an unknown id
  // The server matches host names as substrings: prefer an exact (case-insensitive) match.
  const candidates = await cb.select(Sensor).where(`hostname:${arg}`).all();
  const exact = candidates.filter((s) => s.hostname.toLowerCase() === arg.toLowerCase());
  const chosen = exact[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (chosen) return chosen;
  if (candidates.length === 0) throw new NoMatchError(`no sensor with host name '${arg}'`);
  throw new NoMatchError(`'${arg}' matches ${candidates.length} sensors (${candidates.map((s) => s.hostname).join(', ')}): give the full host name or the id`);
}
