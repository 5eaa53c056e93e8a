// Helpers the per-OS seeders share: deterministic times and sizes, and adding directories and
// lazily generated files by path.
import type { Rng } from '../rng.js';
import { generateContent, kindForName, type ContentKind } from './content.js';
import type { FileSystem, FsDir, FsTimes } from './filesystem.js';
import type { HostIdentity } from './identity.js';

export interface SeedFileOptions {
  size?: number;
  /** Text content (the size follows from it). */
  lines?: readonly string[];
  kind?: ContentKind;
  attributes?: string[];
  lock?: 'protected' | 'in-use';
  /** Age range in days before the dataset's "now". */
  age?: [number, number];
}

const DAY = 86_400_000;

export class FsSeeder {
  constructor(
    readonly fs: FileSystem,
    readonly rng: Rng,
    readonly id: HostIdentity,
  ) {}

  times(age: [number, number] = [30, 400]): FsTimes {
    const created = this.id.epochMs - this.rng.range(age[0], age[1]) * DAY - this.rng.int(DAY);
    const written = Math.min(this.id.epochMs - this.rng.int(DAY), created + this.rng.int(age[1] * DAY));
    return { created, written: Math.max(created, written), accessed: Math.max(created, this.id.epochMs - this.rng.int(20 * DAY)) };
  }

  private parts(path: string): string[] {
    return this.fs.parse(path, this.fs.os === 'windows' ? 'C:\\' : '/').parts;
  }

  dir(path: string, attributes: string[] = ['DIRECTORY'], lock?: 'protected'): FsDir {
    const dir = this.fs.ensureDir(this.parts(path), this.times([300, 900]), attributes);
    if (lock) dir.lock = lock;
    return dir;
  }

  file(path: string, opts: SeedFileOptions = {}): void {
    const parts = this.parts(path);
    const name = parts[parts.length - 1];
    if (!name) return;
    const dir = this.fs.ensureDir(parts.slice(0, -1), this.times([300, 900]));
    if (dir.children.has(this.fs.key(name))) return;
    const windows = this.fs.os === 'windows';
    const kind = opts.kind ?? (opts.lines ? 'text' : kindForName(name, windows, this.fs.os === 'osx'));
    const text = opts.lines ? Buffer.from(opts.lines.join(windows ? '\r\n' : '\n') + (windows ? '\r\n' : '\n'), 'utf8') : undefined;
    const size = text ? text.length : (opts.size ?? (kind === 'text' ? this.rng.range(200, 6_000) : this.rng.range(8, 320) * 1024));
    const label = `${this.id.sensorId}:${path.toLowerCase()}`;
    this.fs.attach(dir, {
      kind: 'file',
      name,
      size,
      source: text ? () => Uint8Array.from(text) : () => generateContent(kind, label, size),
      attributes: opts.attributes ?? (windows ? ['ARCHIVE'] : []),
      times: this.times(opts.age),
      ...(opts.lock ? { lock: opts.lock } : {}),
    });
  }
}

/** `c:\program files\x\y.exe` with the case the command line uses (`C:\Program Files\X\y.exe`). */
export function properCase(path: string, commandLine: string): string {
  const at = commandLine.toLowerCase().indexOf(path.toLowerCase());
  return at >= 0 ? commandLine.slice(at, at + path.length) : path;
}
