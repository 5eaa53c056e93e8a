// Binaries (response.md §4): search, flat summary, the ZIP download (members `filedata` and
// `metadata`) and the PNG icon.
import { iconPng } from '../data/png.js';
import { binaryFile } from '../data/views.js';
import type { BinaryDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { notFound } from '../server/errors.js';
import { bytes } from '../server/respond.js';
import { createZip } from '../zip/writer.js';
import { peStub } from './pe-stub.js';
import { searchHandler } from './search.js';
import type { Route } from './util.js';

/**
 * Largest PE stub served for a binary added to the state by hand. Tests and benches add big
 * binaries on purpose (streaming downloads); the generated estate stays at 1 MiB per module.
 */
export const MAX_HAND_ADDED_LEN = 64 * 1024 * 1024;


function binary(ctx: RouteContext): BinaryDocument {
  const md5 = String(ctx.params.md5);
  if (!/^[0-9a-fA-F]{32}$/.test(md5)) throw notFound();
  const doc = ctx.state.binaries.get(md5.toUpperCase());
  if (!doc) throw notFound();
  return doc;
}

/** CRLF `Key : value` lines as in the metadata member of real downloads. */
function fallbackMetadata(doc: BinaryDocument): string {
  const d = new Date(doc.server_added_timestamp);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const path = doc.observed_filename[0] ?? doc.original_filename;
  return `Timestamp : ${stamp}\r\nOrigFilename : ${path.replace(/^([a-z]):\\/i, '\\Device\\HarddiskVolume2\\')}\r\n`;
}

function download(ctx: RouteContext) {
  const doc = binary(ctx);
  // The data layer rebuilds the module's bytes (copied_mod_len of them); binaries it has no
  // module for (added to the state by hand) get a PE stub of the size the server would hold.
  const file = binaryFile(ctx.state, doc.md5);
  const filedata = file?.filedata ?? peStub(doc.md5, Math.min(doc.copied_mod_len || doc.orig_mod_len || 1024, MAX_HAND_ADDED_LEN));
  const zip = createZip([
    { name: 'filedata', data: filedata },
    { name: 'metadata', data: file?.metadata ?? fallbackMetadata(doc) },
  ]);
  return bytes(zip, 'application/zip', { 'content-disposition': `attachment; filename=${doc.md5}.zip` });
}

function icon(ctx: RouteContext) {
  const doc = binary(ctx);
  const png = doc.icon ? Buffer.from(doc.icon, 'base64') : iconPng([128, 128, 128]);
  return bytes(png, 'image/png');
}

export const binaryRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/binary', searchPage: true, handler: searchHandler('binary') },
  { method: 'POST', pattern: '/api/v1/binary', access: 'read', searchPage: true, handler: searchHandler('binary') },
  { method: 'GET', pattern: '/api/v1/binary/:md5/summary', handler: (ctx) => binary(ctx) },
  { method: 'GET', pattern: '/api/v1/binary/:md5/icon', handler: icon },
  { method: 'GET', pattern: '/api/v1/binary/:md5', handler: download },
];
