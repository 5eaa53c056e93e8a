// A simulated file system: a tree of directories and files with Win32 semantics for the LR
// file commands (FindFirstFile-style listing, CreateFile/DeleteFile/CreateDirectory errors).
// Names keep their case; Windows and macOS compare them case-insensitively, Linux exactly.
import { formatPath, hasWildcard, parsePath, wildcardTest, type OsFamily, type ParsedPath } from './paths.js';
import {
  ERROR_ACCESS_DENIED,
  ERROR_ALREADY_EXISTS,
  ERROR_DIR_NOT_EMPTY,
  ERROR_FILE_EXISTS,
  ERROR_FILE_NOT_FOUND,
  ERROR_INVALID_NAME,
  ERROR_PATH_NOT_FOUND,
  ERROR_SHARING_VIOLATION,
  fail,
} from './win32.js';

/** Epoch milliseconds. */
export interface FsTimes {
  created: number;
  accessed: number;
  written: number;
}

interface NodeBase {
  name: string;
  attributes: string[];
  times: FsTimes;
  /** 'protected': the sensor may not change it; 'in-use': opened exclusively by the OS. */
  lock?: 'protected' | 'in-use';
}

export interface FsFile extends NodeBase {
  kind: 'file';
  size: number;
  /** Materialised bytes (files written by commands, or seeded files after the first read). */
  data?: Uint8Array;
  /** Lazily produces exactly `size` bytes for seeded files. */
  source?: () => Uint8Array;
}

export interface FsDir extends NodeBase {
  kind: 'dir';
  children: Map<string, FsNode>;
}

export type FsNode = FsFile | FsDir;

export interface ListEntry {
  name: string;
  node: FsNode;
}

const WINDOWS_BAD_NAME = /[<>:"|?*\x00-\x1f]/;

export class FileSystem {
  readonly root: FsDir;

  constructor(
    readonly os: OsFamily,
    rootTimes: FsTimes,
    private readonly now: () => number,
  ) {
    this.root = { kind: 'dir', name: '', attributes: ['DIRECTORY'], times: rootTimes, children: new Map() };
  }

  /** Windows and macOS (APFS default) compare names case-insensitively; Linux does not. */
  get caseInsensitive(): boolean {
    return this.os !== 'linux';
  }

  key(name: string): string {
    return this.caseInsensitive ? name.toLowerCase() : name;
  }

  parse(text: string, cwd: string): ParsedPath {
    return parsePath(this.os, text, cwd);
  }

  format(parts: readonly string[]): string {
    return formatPath(this.os, parts);
  }

  lookup(parts: readonly string[]): FsNode | undefined {
    let node: FsNode = this.root;
    for (const part of parts) {
      if (node.kind !== 'dir') return undefined;
      const next: FsNode | undefined = node.children.get(this.key(part));
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  /** The directory that holds `parts`' last component; ERROR_PATH_NOT_FOUND when it is missing. */
  private parentDir(parts: readonly string[]): FsDir {
    const parent = this.lookup(parts.slice(0, -1));
    if (!parent || parent.kind !== 'dir') throw fail(ERROR_PATH_NOT_FOUND);
    return parent;
  }

  private checkName(name: string): void {
    if (this.os === 'windows' && WINDOWS_BAD_NAME.test(name)) throw fail(ERROR_INVALID_NAME);
  }

  /** Adds (or replaces) a child; used by seeding and by commands. */
  attach(dir: FsDir, node: FsNode): void {
    dir.children.set(this.key(node.name), node);
  }

  /** Creates missing directories along `parts` (seeding helper); returns the last one. */
  ensureDir(parts: readonly string[], times: FsTimes, attributes: string[] = ['DIRECTORY']): FsDir {
    let dir = this.root;
    for (const part of parts) {
      let next = dir.children.get(this.key(part));
      if (!next) {
        next = { kind: 'dir', name: part, attributes: [...attributes], times: { ...times }, children: new Map() };
        this.attach(dir, next);
      }
      if (next.kind !== 'dir') throw new Error(`seed conflict: ${this.format(parts)} is a file`);
      dir = next;
    }
    return dir;
  }

  // ------------------------------------------------------------------------------------------
  // Commands

  /** `directory list`: contents for `dir\`, matches for `dir\*.txt`, the entry itself otherwise. */
  list(text: string, cwd: string): ListEntry[] {
    const path = this.parse(text, cwd);
    const last = path.parts[path.parts.length - 1];
    if (path.trailingSep || path.parts.length === 0) {
      const dir = this.lookup(path.parts);
      if (!dir || dir.kind !== 'dir') throw fail(ERROR_PATH_NOT_FOUND);
      return this.contents(dir, path.parts, () => true);
    }
    if (hasWildcard(last)) {
      const dir = this.parentDir(path.parts);
      const matches = this.contents(dir, path.parts.slice(0, -1), wildcardTest(last, this.caseInsensitive));
      if (!matches.length) throw fail(ERROR_FILE_NOT_FOUND);
      return matches;
    }
    const parent = this.parentDir(path.parts);
    const node = parent.children.get(this.key(last));
    if (!node) throw fail(ERROR_FILE_NOT_FOUND);
    return [{ name: node.name, node }];
  }

  private contents(dir: FsDir, parts: readonly string[], accept: (name: string) => boolean): ListEntry[] {
    const out: ListEntry[] = [];
    // FindFirstFile reports '.' and '..' everywhere except at a drive root.
    if (parts.length > 0) {
      const parent = this.lookup(parts.slice(0, -1)) ?? dir;
      if (accept('.')) out.push({ name: '.', node: dir });
      if (accept('..')) out.push({ name: '..', node: parent });
    }
    const children = [...dir.children.values()].filter((n) => accept(n.name));
    children.sort((a, b) => {
      const x = this.key(a.name);
      const y = this.key(b.name);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    for (const node of children) out.push({ name: node.name, node });
    return out;
  }

  stat(text: string, cwd: string): FsNode {
    const path = this.parse(text, cwd);
    if (path.parts.length === 0) return this.root;
    const node = this.parentDir(path.parts).children.get(this.key(path.parts[path.parts.length - 1]));
    if (!node) throw fail(ERROR_FILE_NOT_FOUND);
    return node;
  }

  /** `get file`: the file's bytes. */
  read(text: string, cwd: string): Uint8Array {
    const node = this.stat(text, cwd);
    if (node.kind === 'dir') throw fail(ERROR_ACCESS_DENIED);
    if (node.lock === 'in-use') throw fail(ERROR_SHARING_VIOLATION);
    return contentOf(node);
  }

  /** `put file` (and files the sensor writes itself: process output, memory dumps). */
  write(text: string, cwd: string, data: Uint8Array, overwrite: boolean, attributes?: string[]): string {
    const path = this.parse(text, cwd);
    if (path.parts.length === 0) throw fail(ERROR_ACCESS_DENIED);
    const name = path.parts[path.parts.length - 1];
    this.checkName(name);
    const dir = this.parentDir(path.parts);
    const existing = dir.children.get(this.key(name));
    const now = this.now();
    if (existing) {
      if (existing.kind === 'dir' || existing.lock === 'protected' || existing.attributes.includes('READONLY')) throw fail(ERROR_ACCESS_DENIED);
      if (existing.lock === 'in-use') throw fail(ERROR_SHARING_VIOLATION);
      if (!overwrite) throw fail(ERROR_FILE_EXISTS);
      existing.data = data;
      existing.size = data.length;
      existing.source = undefined;
      existing.times.written = now;
      existing.times.accessed = now;
      return this.format(path.parts);
    }
    this.attach(dir, {
      kind: 'file',
      name,
      size: data.length,
      data,
      attributes: attributes ?? (this.os === 'windows' ? ['ARCHIVE'] : []),
      times: { created: now, accessed: now, written: now },
    });
    dir.times.written = now;
    return this.format(path.parts);
  }

  /** `create directory`: fails when anything of that name exists. */
  mkdir(text: string, cwd: string): void {
    const path = this.parse(text, cwd);
    if (path.parts.length === 0) throw fail(ERROR_ALREADY_EXISTS);
    const name = path.parts[path.parts.length - 1];
    this.checkName(name);
    const dir = this.parentDir(path.parts);
    if (dir.children.has(this.key(name))) throw fail(ERROR_ALREADY_EXISTS);
    const now = this.now();
    this.attach(dir, { kind: 'dir', name, attributes: ['DIRECTORY'], times: { created: now, accessed: now, written: now }, children: new Map() });
    dir.times.written = now;
  }

  /** `delete file`: files and empty directories. `imageInUse` = a running process's image. */
  remove(text: string, cwd: string, imageInUse: (path: string) => boolean): void {
    const path = this.parse(text, cwd);
    if (path.parts.length === 0) throw fail(ERROR_ACCESS_DENIED);
    const dir = this.parentDir(path.parts);
    const key = this.key(path.parts[path.parts.length - 1]);
    const node = dir.children.get(key);
    if (!node) throw fail(ERROR_FILE_NOT_FOUND);
    if (node.lock === 'in-use') throw fail(ERROR_SHARING_VIOLATION);
    if (node.lock === 'protected') throw fail(ERROR_ACCESS_DENIED);
    if (node.kind === 'dir') {
      if (node.children.size > 0) throw fail(ERROR_DIR_NOT_EMPTY);
    } else {
      if (node.attributes.includes('READONLY')) throw fail(ERROR_ACCESS_DENIED);
      if (imageInUse(this.format(path.parts))) throw fail(ERROR_ACCESS_DENIED);
    }
    dir.children.delete(key);
    dir.times.written = this.now();
  }
}

export function contentOf(file: FsFile): Uint8Array {
  if (!file.data) file.data = file.source ? file.source() : new Uint8Array(0);
  return file.data;
}

/** 8.3 alias the way NTFS reports it (`PROGRA~1`), or '' when the name already fits 8.3. */
export function shortName(name: string): string {
  if (name === '.' || name === '..') return '';
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  const valid = /^[A-Z0-9_$~!#%&'(){}^@`-]*$/i;
  if (base.length <= 8 && ext.length <= 3 && valid.test(base) && valid.test(ext) && name.indexOf('.') === dot) return '';
  const clean = (s: string) => s.toUpperCase().replace(/[^A-Z0-9_$~!#%&'(){}^@`-]/g, '');
  const shortExt = clean(ext).slice(0, 3);
  return `${clean(base).slice(0, 6) || 'FILE'}~1${shortExt ? `.${shortExt}` : ''}`;
}
