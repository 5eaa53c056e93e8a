import { expect, test } from 'vitest';
import { VERSION } from '@cb/core';
test('core version', () => { expect(VERSION).toMatch(/\d+\.\d+\.\d+/); });
