// Package surface: version in step with package.json, the entry point's exports.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as platform from '../../src/index.js';

describe('@cb/platform', () => {
  it('PLATFORM_VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(platform.PLATFORM_VERSION).toBe(pkg.version);
  });

  it('exports the API, the model, the query and the errors', () => {
    for (const name of ['CBCloudAPI', 'Device', 'DeviceSearchQuery', 'WrongProductError', 'ResultWindowError', 'InvalidCriteriaError', 'FieldRenamedError']) {
      expect(typeof (platform as Record<string, unknown>)[name]).toBe('function');
    }
    expect(platform.DEVICE_SEARCH_WINDOW).toBe(10_000);
    expect(platform.DEVICE_SEARCH_BATCH_SIZE).toBe(100);
  });
});
