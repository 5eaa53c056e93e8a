// Binaries referenced by processes and modloads exist, with file bytes and frequency data (§4).
import { describe, expect, it } from 'vitest';
import { SPECIAL_BINARY_MD5, binaryFile, getProcessEvents } from '../../src/data/index.js';
import { smallState } from './helpers.js';

describe('binaries', () => {
  const state = smallState();
  const rows = [...state.processes.rows()];

  it('every process_md5 and parent_md5 is a binary observed on that host', () => {
    for (const r of rows) {
      const b = state.binaries.get(r.process_md5.toUpperCase());
      expect(b, r.process_name).toBeDefined();
      expect(b!.endpoint).toContain(`${r.hostname}|${r.sensor_id}`);
      expect(b!.observed_filename.length).toBeGreaterThan(0);
      if (r.parent_unique_id) expect(state.binaries.has(r.parent_md5.toUpperCase())).toBe(true);
    }
  });

  it('every modload md5 is a binary', () => {
    for (const r of rows.filter((_, i) => i % 5 === 0)) {
      for (const m of getProcessEvents(state, r.id, r.segment_id)!.modload) expect(state.binaries.has(m.md5.toUpperCase()), m.path).toBe(true);
    }
  });

  it('signing and version data: Microsoft signed, evil unsigned with no version info', () => {
    const notepad = state.binaries.get(SPECIAL_BINARY_MD5)!;
    expect(notepad).toMatchObject({ digsig_result: 'Signed', signed: 'Signed', company_name: 'Microsoft Corporation', original_filename: 'NOTEPAD.EXE', file_desc: 'Notepad', is_executable_image: true, os_type: 'Windows' });
    const evilRow = rows.find((r) => r.process_name === 'evil.exe')!;
    const evil = state.binaries.get(evilRow.process_md5.toUpperCase())!;
    expect(evil).toMatchObject({ digsig_result: 'Unsigned', signed: 'Unsigned', company_name: '', is_64bit: false });
    const tags = evil as unknown as Record<string, unknown>;
    expect(tags.alliance_score_virustotal).toBeGreaterThan(0);
    expect(tags.alliance_score_abusech).toBe(100);
    expect(evil.watchlists.map((w) => w.wid)).toContain('5');
    const dll = [...state.binaries.values()].find((b) => b.original_filename === 'KERNEL32.DLL')!;
    expect(dll.is_executable_image).toBe(false);
  });

  it('file bytes start with MZ (PE) and match copied_mod_len; zip metadata text', () => {
    const f = binaryFile(state, SPECIAL_BINARY_MD5)!;
    const doc = state.binaries.get(SPECIAL_BINARY_MD5)!;
    expect(Buffer.from(f.filedata.subarray(0, 2)).toString()).toBe('MZ');
    const dv = new DataView(f.filedata.buffer, f.filedata.byteOffset);
    expect(Buffer.from(f.filedata.subarray(dv.getUint32(0x3c, true), dv.getUint32(0x3c, true) + 4)).toString('latin1')).toBe('PE\0\0');
    expect(f.filedata.length).toBe(doc.copied_mod_len);
    expect(f.metadata).toMatch(/^Timestamp : \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d\r\nOrigFilename : \\Device\\HarddiskVolume2\\/);
    expect(binaryFile(state, SPECIAL_BINARY_MD5.toLowerCase())).toBeDefined();
    expect(binaryFile(state, '0'.repeat(32))).toBeUndefined();
    const linux = [...state.binaries.values()].find((b) => b.os_type === 'Linux');
    if (linux) expect([...binaryFile(state, linux.md5)!.filedata.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]);
  });

  it('frequency: host count and process counts', () => {
    const freq = state.binaryFrequency.get(SPECIAL_BINARY_MD5)!;
    const notepadRows = rows.filter((r) => r.process_md5.toUpperCase() === SPECIAL_BINARY_MD5);
    expect(freq.hostCount).toBe(new Set(notepadRows.map((r) => r.sensor_id)).size);
    expect(freq.globalCount).toBe(new Set(notepadRows.map((r) => r.id)).size);
    expect(freq.numDocs).toBe(state.processes.rowCount);
  });

  it('some unsigned and some "evil" binaries exist', () => {
    const unsigned = [...state.binaries.values()].filter((b) => b.digsig_result !== 'Signed');
    expect(unsigned.length).toBeGreaterThanOrEqual(2);
    const evilMd5s = [...state.threatReports.values()].filter((r) => r.feed_name === 'abusech').flatMap((r) => r.iocs.md5 ?? []);
    expect(evilMd5s.filter((m) => state.binaries.has(m.toUpperCase())).length).toBeGreaterThanOrEqual(2);
    expect(state.bannedHashes.has(evilMd5s[0])).toBe(true);
  });
});
