// The printed form of a model, as cbapi prints it (core.md §3.4):
//
//   Sensor object, bound to https://cb.example.com.
//    Last refreshed at Mon Mar  4 10:00:00 2024
//   -------------------------------------------------------------------------------
//
//   (*)             hostname: WIN-1
//   (+)                notes: new field
//                         id: 3
import type { Doc, ModelState } from './types.js';

export interface PrintableModel {
  readonly name: string;
  readonly server: string;
  readonly state: ModelState;
  readonly lastRefresh: Date | undefined;
  readonly doc: Readonly<Doc>;
  readonly markers: ReadonlyMap<string, '(+)' | '(*)'>;
}

const MAX_VALUE = 50;

export function formatValue(value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : value === undefined
        ? 'undefined'
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 3)}...` : text;
}

export function formatModel(model: PrintableModel): string {
  const lines = [`${model.name} object, bound to ${model.server}.`];
  if (model.lastRefresh) lines.push(` Last refreshed at ${model.lastRefresh.toString()}`);
  if (model.state === 'partial') lines.push(' Partially initialized. Use .refresh() to load all attributes');
  if (model.state === 'reference') lines.push(' Not loaded. Use .load() to load all attributes');
  if (model.state === 'new') lines.push(' New object, not saved yet');
  lines.push('-'.repeat(79), '');
  for (const name of Object.keys(model.doc).sort()) {
    const marker = model.markers.get(name) ?? '   ';
    lines.push(`${marker} ${name.padStart(20)}: ${formatValue(model.doc[name])}`);
  }
  return lines.join('\n');
}
