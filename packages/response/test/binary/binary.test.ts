import { ConflictError, NotLoadedError, ObjectNotFoundError, type HttpResponse, type RequestOptions } from '@cb/core';
import { readZip, SPECIAL_BINARY_MD5 } from '@cb/emulator';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { BannedHash, Binary, BinaryQuery, CbResponseAPI, InvalidHashError, normalizeMd5, Process, Sensor } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';

const fx = useEmulator();
const MD5 = SPECIAL_BINARY_MD5;

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('Binary identity and summary', () => {
  it('upper-cases the MD5, makes no request on select, loads the summary once', async () => {
    fx.takeRequests();
    const b = fx.cb.select(Binary, MD5.toLowerCase());
    expect(b.primaryKeyValue).toBe(MD5);
    expect(() => b.file_desc).toThrow(NotLoadedError);
    expect(fx.takeRequests()).toEqual([]);
    expect((await b.load()).file_desc).toBe('Notepad');
    await b.load();
    expect(fx.takeRequests()).toEqual([`GET /api/v1/binary/${MD5}/summary`]);
    expectTypeOf(b.orig_mod_len).toEqualTypeOf<number>();
  });

  it('rejects malformed MD5s with InvalidHashError', () => {
    expect(() => fx.cb.select(Binary, 'abc')).toThrow(InvalidHashError);
    expect(() => fx.cb.select(Binary, 'z'.repeat(32))).toThrow('MD5sum zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz is not valid');
    // named: the fetch the hash was for, at the model's URL (a bad hash cannot be part of a path)
    expect(() => fx.cb.select(Binary, 'abc')).toThrow(expect.objectContaining({ hash: 'abc', method: 'GET', path: '/api/v1/binary' }));
    expect(() => normalizeMd5('abc')).toThrow(expect.objectContaining({ hash: 'abc', method: undefined, path: undefined })); // checking sends nothing
  });

  it('unknown MD5 → ObjectNotFoundError on fetch', async () => {
    await expect(fx.cb.fetch(Binary, '0'.repeat(32))).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('derived fields: signed, signingData, versionInfo, sizes, names, flags, icon, webuiLink', async () => {
    const b = await fx.cb.fetch(Binary, MD5);
    const doc = b.toJSON();
    expect(b.signed).toBe(doc.digsig_result === 'Signed');
    expect(b.signingData).toEqual({
      result: doc.digsig_result,
      publisher: doc.digsig_publisher,
      issuer: doc.digsig_issuer,
      subject: doc.digsig_subject,
      signTime: doc.digsig_sign_time ? new Date(String(doc.digsig_sign_time)) : null,
      programName: doc.digsig_prog_name,
    });
    expect(b.versionInfo).toEqual({
      fileDesc: 'Notepad',
      fileVersion: doc.file_version,
      productName: doc.product_name,
      productVersion: doc.product_version,
      companyName: doc.company_name,
      legalCopyright: doc.legal_copyright,
      originalFilename: doc.original_filename,
    });
    expect(b.size).toBe(doc.orig_mod_len);
    expect(b.copiedSize).toBe(doc.copied_mod_len);
    expect(b.observedFilenames).toEqual(doc.observed_filename);
    expect(b.isExecutableImage).toBe(true);
    expect(b.is64bit).toBe(doc.is_64bit);
    expect(Buffer.from(b.icon.subarray(0, 4)).toString('latin1')).toBe('\x89PNG');
    expect(b.webuiLink).toBe(`${fx.emu.url}/#binary/${MD5}`);
  });

  it('virustotal reads the alliance_*_virustotal tags, {0, ""} without them', async () => {
    const tagged = await fx.cb.select(Binary).where('alliance_score_virustotal:[1 TO *]').first();
    if (tagged) {
      expect(tagged.virustotal.score).toBe(Number(tagged.get('alliance_score_virustotal')));
      expect(tagged.virustotal.link).toBe(String(tagged.get('alliance_link_virustotal', '')));
    }
    const b = await fx.cb.fetch(Binary, MD5);
    if (b.get('alliance_score_virustotal', undefined) === undefined) expect(b.virustotal).toEqual({ score: 0, link: '' });
  });

  it('endpoints are cached Sensor references from HOST|ID entries', async () => {
    const b = await fx.cb.fetch(Binary, MD5);
    const hosts = b.endpointHosts;
    expect(hosts.length).toBeGreaterThan(0);
    fx.takeRequests();
    const sensors = b.endpoints;
    expect(fx.takeRequests()).toEqual([]);
    expect(sensors[0]).toBeInstanceOf(Sensor);
    expect(sensors[0]).toBe(fx.cb.select(Sensor, hosts[0]!.sensorId));
    expect((await sensors[0]!.load()).computer_name).toBe(hosts[0]!.hostname);
  });
});

describe('Binary server calls', () => {
  it('frequency() reads /api/v1/process/host/count once', async () => {
    const b = fx.cb.select(Binary, MD5);
    fx.takeRequests();
    const f = await b.frequency();
    await b.frequency();
    expect(fx.takeRequests()).toEqual([`GET /api/v1/process/host/count?cb.freqver=1&md5=${MD5}&name=md5`]);
    const notepads = await fx.cb.select(Process).where(`process_md5:${MD5}`).groupBy('id').count();
    expect(f.processCount).toBeGreaterThanOrEqual(notepads);
    expect(f.computerCount).toBeGreaterThan(0);
    expect(f.moduleFrequency).toBeCloseTo(f.processCount / f.allProcessCount);
  });

  it('banned(): false when not banned (404), the BannedHash once banned', async () => {
    const b = fx.cb.select(Binary, MD5);
    expect(await b.banned()).toBe(false);
    await fx.cb.request('POST', '/api/v1/banning/blacklist', { body: { md5hash: MD5.toLowerCase(), text: 'Banned from API', enabled: true } });
    const ban = await b.banned();
    expect(ban).toBeInstanceOf(BannedHash);
    expect((ban as BannedHash).get('text')).toBe('Banned from API');
  });

  it('banned(): a 409 also reads as not banned (cbapi)', async () => {
    const requester = {
      baseUrl: 'https://cb.example.test',
      async request<T>(options: RequestOptions): Promise<HttpResponse<T>> {
        throw new ConflictError('conflict', { status: 409, method: 'GET', path: options.path });
      },
    };
    expect(await new CbResponseAPI({ requester }).select(Binary, MD5).banned()).toBe(false);
  });

  it('file() streams the filedata member of the download', async () => {
    const b = fx.cb.select(Binary, MD5);
    const zip = await fx.cb.request<Uint8Array>('GET', `/api/v1/binary/${MD5}`, { responseType: 'bytes' });
    const expected = readZip(zip.data).find((e) => e.name === 'filedata')!.data;
    const bytes = await readAll(await b.file());
    expect(bytes.equals(expected)).toBe(true);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('MZ');
  });

  it('read(offset, length) reads a slice (architecture example: (await proc.binary).read(0, 2) is MZ)', async () => {
    const proc = await fx.cb.select(Process).where('process_name:notepad.exe').first();
    const head = await (await proc!.binary)!.read(0, 2);
    expect(Buffer.from(head).toString('latin1')).toBe('MZ');
    const b = fx.cb.select(Binary, MD5);
    const all = await readAll(await b.file());
    expect(Buffer.from(await b.read(0x3c, 4)).readUInt32LE(0)).toBe(all.readUInt32LE(0x3c));
    expect(Buffer.from(await b.read(all.length - 3, 10)).equals(all.subarray(all.length - 3))).toBe(true);
    expect(await b.read(all.length + 5, 4)).toHaveLength(0);
    await expect(b.read(-1, 2)).rejects.toBeInstanceOf(RangeError);
  });

  it('file() of an unknown binary is ObjectNotFoundError', async () => {
    await expect(fx.cb.select(Binary, 'f'.repeat(32)).file()).rejects.toBeInstanceOf(ObjectNotFoundError);
  });
});

describe('BinaryQuery', () => {
  it('searches /api/v1/binary without a default sort; rows are Binary models', async () => {
    fx.takeRequests();
    const rows = await fx.cb.select(Binary).where('digsig_result:Unsigned').slice(0, 3);
    expect(rows.every((r) => r instanceof Binary && r.digsig_result === 'Unsigned')).toBe(true);
    expect(fx.takeRequests()).toEqual(['GET /api/v1/binary?cb.urlver=1&facet=false&q=digsig_result%3AUnsigned&rows=3&start=0']);
  });

  it('fromRaw() and facets()', async () => {
    const q = BinaryQuery.fromRaw(fx.cb, 'cb.urlver=1&q=digsig_result%3ASigned');
    expect(q).toBeInstanceOf(BinaryQuery);
    const f = await q.facets('digsig_result');
    expect(f.digsig_result.map((e) => e.name)).toEqual(['Signed']);
  });
});
