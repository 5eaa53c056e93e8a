// Wrong product (E5) and key-type advice (E9) on replies, through the real Connection.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, PayloadTooLargeError, UnauthorizedError } from '@cb/core';
import { Device, WrongProductError } from '../../src/index.js';
import { DEVICES, makeDevices, mswCloudApi, ORG, useCloudMsw } from '../support/cloud-msw.js';

const msw = useCloudMsw();

// What a Cb Response (Flask) server answers for a route it does not have.
const WERKZEUG_404 =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server.</p>\n';

const html = (body: string, status: number) => new HttpResponse(body, { status, headers: { 'content-type': 'text/html' } });

describe('wrong product', () => {
  it('turns an HTML 404 from a non-Cloud server into WrongProductError naming the right class', async () => {
    msw.server.use(http.post(`${DEVICES}/_search`, () => html(WERKZEUG_404, 404)));
    const error = await mswCloudApi()
      .select(Device)
      .first()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongProductError);
    expect((error as WrongProductError).status).toBe(404);
    expect((error as Error).message).toMatch(/HTML page, not Carbon Black Cloud JSON.*CbResponseAPI from @cb\/response/);
    expect((error as Error).message).not.toContain(ORG);
  });

  it('also for a 200 HTML page (a web console answering every path)', async () => {
    msw.server.use(http.get(`${DEVICES}/:id`, () => html('<html><head><title>Login</title></head></html>', 200)));
    await expect(mswCloudApi().fetch(Device, 1)).rejects.toBeInstanceOf(WrongProductError);
  });

  it('leaves gateway pages and JSON errors alone', async () => {
    msw.server.use(http.post(`${DEVICES}/_search`, () => html('<html><head><title>413 Request Entity Too Large</title></head></html>', 413)));
    await expect(mswCloudApi().select(Device).first()).rejects.toBeInstanceOf(PayloadTooLargeError);
  });
});

describe('key advice', () => {
  it('explains the Custom key type on 401', async () => {
    msw.server.use(http.post(`${DEVICES}/_search`, () => HttpResponse.json({ message: 'Unauthorized' }, { status: 401 })));
    const error = await mswCloudApi()
      .select(Device)
      .all()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toMatch(/"API Secret Key\/API ID".*access level type Custom/);
  });

  it('names device READ on a 403 from the device routes', async () => {
    msw.state.devices = makeDevices(1);
    msw.server.use(http.get(`${DEVICES}/:id`, () => HttpResponse.json({ message: 'Forbidden' }, { status: 403 })));
    const error = await mswCloudApi()
      .fetch(Device, 1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toMatch(/needs device READ/);
    expect((error as ForbiddenError).status).toBe(403);
  });
});
