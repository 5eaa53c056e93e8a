// Builds the module catalogue (every executable and DLL the estate can run or load) with
// deterministic MD5s, including a long tail of downloaded installers that scales with the estate.

import { LONG_TAIL_VENDORS, UNIX_PROGRAMS, WINDOWS_DLLS, WINDOWS_PROGRAMS, type ModuleSpec, type ProgramSpec } from './catalog.js';
import { Rng, fakeMd5, hashSeed } from './rng.js';
import type { ModuleEntry } from './world.js';

/** The docs' example binary (architecture.md) is notepad.exe's image. */
export const SPECIAL_BINARY_MD5 = '24DA05ADE2A978E199875DA0D859E7EB';
const FIXED_MD5: Record<string, string> = { notepad: SPECIAL_BINARY_MD5.toLowerCase() };

export interface ModuleCatalogue {
  modules: ModuleEntry[];
  programs: ProgramSpec[];
  programModule: number[];
  /** program indices of the long-tail installers */
  longTail: number[];
}

function longTailProgram(rng: Rng, i: number): ProgramSpec {
  const v = LONG_TAIL_VENDORS[i % LONG_TAIL_VENDORS.length];
  const version = `${rng.range(1, 24)}.${rng.range(0, 9)}.${rng.range(0, 999)}`;
  const file = `${v.file}-${version}${i >= LONG_TAIL_VENDORS.length ? '-' + i : ''}.exe`;
  const signed = v.company !== '' && !rng.chance(0.1);
  return {
    key: `longtail:${i}`,
    name: file,
    path: `c:\\users\\{user}\\downloads\\${file}`,
    os: 'windows',
    company: v.company,
    product: v.product,
    desc: v.product ? `${v.product} Setup` : '',
    version: v.company ? version : '',
    publisher: signed ? v.company : null,
    is64: rng.chance(0.7),
    exe: true,
    size: rng.range(400_000, 90_000_000),
    cmdlines: [`"C:\\Users\\{user}\\Downloads\\${file}" `, `"C:\\Users\\{user}\\Downloads\\${file}" /S`],
    runAs: 'user',
    life: 'short',
    dlls: ['ntdll.dll', 'kernel32.dll', 'kernelbase.dll', 'user32.dll', 'shell32.dll', 'advapi32.dll', 'crypt32.dll'],
    rates: [6, 3, 0.5, 0],
    files: [`c:\\program files\\${(v.product || 'app').toLowerCase()}\\{hex}.dll`, 'c:\\users\\{user}\\appdata\\local\\temp\\{hex}.tmp'],
    regs: ['\\registry\\machine\\software\\microsoft\\windows\\currentversion\\uninstall\\{hex}'],
  };
}

export function buildModules(seed: number, longTailCount: number): ModuleCatalogue {
  const modules: ModuleEntry[] = [];
  const programs: ProgramSpec[] = [];
  const programModule: number[] = [];
  const add = (spec: ModuleSpec | ProgramSpec, isProgram: boolean) => {
    const md5 = FIXED_MD5[spec.key] ?? fakeMd5(seed, `module:${spec.key}`);
    const entry: ModuleEntry = { id: modules.length, spec, md5, program: isProgram ? programs.length : -1 };
    modules.push(entry);
    if (isProgram) {
      programs.push(spec as ProgramSpec);
      programModule.push(entry.id);
    }
  };
  for (const d of WINDOWS_DLLS) add(d, false);
  for (const p of WINDOWS_PROGRAMS) add(p, true);
  for (const p of UNIX_PROGRAMS) add(p, true);
  const rng = new Rng(hashSeed(seed, 0x10a9));
  const longTail: number[] = [];
  for (let i = 0; i < longTailCount; i++) {
    longTail.push(programs.length);
    add(longTailProgram(rng, i), true);
  }
  return { modules, programs, programModule, longTail };
}
