import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import * as core from '@cb/core';

test('the package entry exports both halves and the version matches package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(core.CORE_VERSION).toBe(pkg.version);
  expect(typeof core.Connection).toBe('function');
  expect(typeof core.BaseAPI).toBe('function');
  expect(new core.ObjectNotFoundError('x', { status: 404 })).toBeInstanceOf(core.ApiError);
});
