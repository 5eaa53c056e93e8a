// fromUi(url) (response.md §1.1): a web-console URL of this server → the object or query it
// shows. The fragment (after `#`) names the page: `analyze/<guid>/<segment>`, `binary/<md5>`,
// `watchlist/<id>`, `search/<query string>`, `binaries/<query string>`, `investigation/<id>`,
// `alerts/<query string>`, `threats/<query string>`, `threat-details/<feed>/<report>`.
import { ApiError, type CallOptions, type ModelHost } from '@cb/core';
import { Alert, AlertQuery } from './models/alert.js';
import { Binary } from './models/binary.js';
import { BinaryQuery } from './models/binary-query.js';
import { Investigation } from './models/investigation.js';
import { formatUniqueId, parseProcessId } from './models/process/guid.js';
import { Process } from './models/process/process.js';
import { ProcessQuery } from './models/process/process-query.js';
import { PROCESS_FETCH } from './models/process/table.js';
import { ThreatReport, ThreatReportQuery } from './models/threat-report.js';
import { Watchlist } from './models/watchlist.js';
import { serverVersionOf } from './query/response-host.js';
import { versionAtLeast } from './version.js';

/** What a console URL resolves to. */
export type FromUiResult<Self> =
  | Process
  | Binary
  | Watchlist
  | ProcessQuery
  | BinaryQuery
  | Investigation
  | AlertQuery
  | ThreatReportQuery
  | ThreatReport
  | Self;

function sameServer(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname.toLowerCase() === b.hostname.toLowerCase() && a.port === b.port;
}

/**
 * Resolves `url` against the API `host` (whose base URL it must share: scheme, host and port).
 * Objects are model-cache references (no request), queries are lazy; only `investigation/<id>`
 * searches (and a process segment's id format needs the server version).
 */
export async function fromUi<Self extends ModelHost>(host: Self, url: string, options: CallOptions = {}): Promise<FromUiResult<Self>> {
  // Most errors below carry no method or path: a console URL that is not understood names no
  // object, so there is no API request it stands for. (A bad analyze id names the process fetch.)
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError('Invalid URL provided');
  }
  if (!sameServer(parsed, new URL(host.url))) throw new ApiError('Invalid URL provided');

  const fragment = parsed.hash.replace(/^#/, '').replace(/^\/+/, '');
  const parts = fragment.split('/');
  const [page = '', first = ''] = parts;
  // The login page and the bare console URL show no object: the API itself (cbapi's intent; its
  // 2-part check ran first and rejected them, response.md §1.1).
  if (page === '' || page === 'login') return host;
  if (parts.length < 2) throw new ApiError(`URL endpoint does not include a unique ID: ${url}`);
  // Query strings may contain '/', so they are everything after the page name.
  const rest = parts.slice(1).join('/');

  switch (page) {
    case 'analyze': {
      const ids = parseProcessId(first);
      const segment = Number(parts[2]);
      if (!ids) throw new ApiError(`URL endpoint does not include a valid process id: ${url}`, PROCESS_FETCH);
      if (parts[2] === undefined || parts[2] === '' || !Number.isInteger(segment) || segment < 0) return host.select(Process, ids.guid);
      const sixDigits = versionAtLeast(await serverVersionOf(host, options), '6.0.0');
      return host.select(Process, formatUniqueId(ids.guid, segment, sixDigits));
    }
    case 'binary':
      return host.select(Binary, first);
    case 'watchlist':
      return host.select(Watchlist, first);
    case 'search':
      return ProcessQuery.fromRaw(host, rest);
    case 'binaries':
      return BinaryQuery.fromRaw(host, rest);
    case 'alerts':
      return new AlertQuery(host, Alert, { raw: rest });
    case 'threats':
      return new ThreatReportQuery(host, ThreatReport, { raw: rest });
    case 'threat-details':
      return host.select(ThreatReport, `${first}:${parts[2] ?? ''}`);
    case 'investigation':
      return Investigation.createQuery(host).where(`id:${first}`).one(options);
    default:
      throw new ApiError(`Unknown URL endpoint: ${url}`);
  }
}
