import { describe, expect, it } from 'vitest';
import { Router } from '../../src/server/router.js';

describe('Router', () => {
  const router = new Router<string>()
    .add({ method: 'GET', pattern: '/api/v1/process/:guid/:segment', handler: 'summary' })
    .add({ method: 'GET', pattern: '/api/v1/process/host/count', handler: 'count' })
    .add({ method: 'GET', pattern: '/api/v1/process/:guid/segment', handler: 'segments' })
    .add({ method: 'GET', pattern: '/api/:ver/process/:guid/:segment/event', handler: 'events' })
    .add({ method: 'GET', pattern: '/api/v1/group/:id/installer/*os', handler: 'installer' })
    .add({ method: 'PUT', pattern: '/api/v1/sensor/:id', handler: 'put' });

  it('prefers literal segments over parameters regardless of order', () => {
    const count = router.match('GET', '/api/v1/process/host/count');
    expect(count.kind === 'found' && count.route.handler).toBe('count');
    const seg = router.match('GET', '/api/v1/process/abc/segment');
    expect(seg.kind === 'found' && seg.route.handler).toBe('segments');
    const summary = router.match('GET', '/api/v1/process/abc/1');
    expect(summary).toMatchObject({ kind: 'found', params: { guid: 'abc', segment: '1' } });
  });

  it('captures parameters and rest segments', () => {
    expect(router.match('GET', '/api/v4/process/g/0/event')).toMatchObject({ params: { ver: 'v4', guid: 'g', segment: '0' } });
    expect(router.match('GET', '/api/v1/group/3/installer/windows/exe')).toMatchObject({ params: { id: '3', os: 'windows/exe' } });
  });

  it('reports 405 candidates and 404', () => {
    expect(router.match('DELETE', '/api/v1/sensor/1')).toEqual({ kind: 'method-not-allowed', allowed: ['PUT'] });
    expect(router.match('GET', '/api/v1/nothing')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/api/v1/process/host/count/extra')).toEqual({ kind: 'not-found' });
  });

  it('lets HEAD use GET routes', () => {
    expect(router.match('HEAD', '/api/v1/process/host/count').kind).toBe('found');
  });
});
