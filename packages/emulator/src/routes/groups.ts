// Sensor groups (response.md §6): list, one-element-array GET, create/update/delete, installers
// and the legacy data-sharing settings under /api/v1/group/{id}.
import type { SensorGroupDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest, conflict, notFound } from '../server/errors.js';
import { bytes, json, success } from '../server/respond.js';
import { createTarGz } from '../zip/tar.js';
import { createZip } from '../zip/writer.js';
import { extraState } from './extra-state.js';
import { asInt, getOr404, intParam, mergeKnown, objectBody, requireFields, type Route } from './util.js';
import { peStub } from './pe-stub.js';

function defaultGroup(id: number, name: string, siteId: number): SensorGroupDocument {
  return {
    id,
    name,
    site_id: siteId,
    sensorbackend_server: 'https://cb.emulator.local:443',
    sensor_exe_name: '',
    sensor_version: 'Manual',
    datastore_server: null,
    alert_criticality: 3,
    tamper_level: 0,
    max_licenses: -1,
    banning_enabled: false,
    collect_emet_events: true,
    collect_filemods: true,
    collect_filewritemd5s: true,
    collect_cross_procs: true,
    collect_moduleinfo: true,
    collect_moduleloads: true,
    collect_netconns: true,
    collect_nonbinary_filewrites: true,
    collect_processes: true,
    collect_regmods: true,
    collect_storefiles: true,
    collect_usercontext: true,
    filter_known_dlls: false,
    process_filter_level: 0,
    quota_eventlog_bytes: '1073741824',
    quota_eventlog_percent: 1,
    quota_storefile_bytes: '1073741824',
    quota_storefile_percent: 1,
    vdi_enabled: false,
    team_access: [],
  };
}

function validateGroup(ctx: RouteContext, body: Record<string, unknown>): void {
  if ('site_id' in body) {
    const siteId = asInt(body.site_id, 'site_id');
    if (!ctx.state.sites.has(siteId)) throw badRequest('invalid_site', `Site ${siteId} does not exist`);
  }
  if ('alert_criticality' in body) {
    const c = asInt(body.alert_criticality, 'alert_criticality');
    if (c < 1 || c > 5) throw badRequest('invalid_field', 'alert_criticality must be between 1 and 5');
  }
  if ('name' in body && (typeof body.name !== 'string' || body.name.trim() === '')) {
    throw badRequest('invalid_field', 'name must be a non-empty string');
  }
  const name = body.name;
  for (const g of ctx.state.sensorGroups.values()) {
    if (g.name === name && String(g.id) !== String(ctx.params.id ?? '')) {
      throw conflict('duplicate_name', `A sensor group named ${String(name)} already exists`);
    }
  }
}

function createGroup(ctx: RouteContext) {
  const body = objectBody(ctx);
  requireFields(body, ['name', 'site_id']);
  validateGroup(ctx, body);
  const id = ctx.state.nextIds.sensorGroup++;
  const group = defaultGroup(id, String(body.name), asInt(body.site_id, 'site_id'));
  mergeKnown(group, body);
  group.site_id = asInt(body.site_id, 'site_id');
  ctx.state.sensorGroups.set(id, group);
  return json({ id });
}

function updateGroup(ctx: RouteContext) {
  const group = getOr404(ctx.state.sensorGroups, intParam(ctx, 'id'));
  const body = objectBody(ctx);
  validateGroup(ctx, body);
  mergeKnown(group, body);
  if ('site_id' in body) group.site_id = asInt(body.site_id, 'site_id');
  return success();
}

function deleteGroup(ctx: RouteContext) {
  const id = intParam(ctx, 'id');
  getOr404(ctx.state.sensorGroups, id);
  for (const s of ctx.state.sensors.values()) {
    if (s.group_id === id) throw conflict('group_not_empty', 'Cannot delete a sensor group that still has sensors');
  }
  ctx.state.sensorGroups.delete(id);
  return success();
}

/** `GET /api/v1/group/{id}/installer/{osname}` with the package type each OS gets. */
function installer(ctx: RouteContext) {
  const group = getOr404(ctx.state.sensorGroups, intParam(ctx, 'id'));
  const settings = `[CBSensor]\r\nSensorBackendServer=${group.sensorbackend_server}\r\nSensorGroupId=${group.id}\r\n`;
  const name = group.name.replace(/[^A-Za-z0-9]+/g, '');
  switch (ctx.params.os) {
    case 'windows/exe':
      return bytes(peStub(`CarbonBlackClientSetup-${group.id}`), 'application/octet-stream', {
        'content-disposition': `attachment; filename=CarbonBlackClientSetup-${name}.exe`,
      });
    case 'windows/msi':
      return bytes(
        createZip([
          { name: 'CarbonBlackClientSetup.msi', data: Buffer.from('\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1emulated-msi', 'latin1') },
          { name: 'sensorsettings.ini', data: settings },
        ]),
        'application/zip',
        { 'content-disposition': `attachment; filename=CarbonBlackClientSetup-${name}.zip` },
      );
    case 'osx':
      return bytes(
        createZip([
          { name: 'CarbonBlackClientSetup.pkg', data: 'xar!emulated-pkg' },
          { name: 'sensorsettings.ini', data: settings },
        ]),
        'application/zip',
        { 'content-disposition': `attachment; filename=CarbonBlackClientSetup-${name}.zip` },
      );
    case 'linux':
      return bytes(
        createTarGz([
          { name: 'CarbonBlackClientSetup-linux.sh', data: '#!/bin/sh\necho "emulated Cb Response sensor installer"\n' },
          { name: 'sensorsettings.ini', data: settings },
        ]),
        'application/x-gzip',
        { 'content-disposition': `attachment; filename=CarbonBlackClientSetup-${name}.tar.gz` },
      );
    default:
      throw notFound();
  }
}

function sharingList(ctx: RouteContext) {
  const id = intParam(ctx, 'id');
  getOr404(ctx.state.sensorGroups, id);
  return [...extraState(ctx.state).dataSharing.values()].filter((c) => c.group_id === id);
}

export const groupRoutes: Route[] = [
  { method: 'GET', pattern: '/api/group', handler: (ctx) => [...ctx.state.sensorGroups.values()] },
  { method: 'GET', pattern: '/api/v3/group', handler: (ctx) => [...ctx.state.sensorGroups.values()] },
  {
    method: 'GET',
    pattern: '/api/group/:id',
    // A one-element array; an unknown id gives an empty array (the client's "not found").
    handler: (ctx) => {
      const group = ctx.state.sensorGroups.get(intParam(ctx, 'id'));
      return group ? [group] : [];
    },
  },
  {
    method: 'GET',
    pattern: '/api/v3/group/:id',
    handler: (ctx) => getOr404(ctx.state.sensorGroups, intParam(ctx, 'id')),
  },
  { method: 'POST', pattern: '/api/group', handler: createGroup },
  { method: 'POST', pattern: '/api/v3/group', handler: createGroup },
  { method: 'PUT', pattern: '/api/group/:id', handler: updateGroup },
  { method: 'PUT', pattern: '/api/v3/group/:id', handler: updateGroup },
  { method: 'DELETE', pattern: '/api/group/:id', handler: deleteGroup },
  { method: 'DELETE', pattern: '/api/v3/group/:id', handler: deleteGroup },
  { method: 'GET', pattern: '/api/v1/group/:id/installer/*os', handler: installer },
  { method: 'GET', pattern: '/api/v1/group/:id/datasharing', handler: sharingList },
  {
    method: 'POST',
    pattern: '/api/v1/group/:id/datasharing',
    handler: (ctx) => {
      const groupId = intParam(ctx, 'id');
      getOr404(ctx.state.sensorGroups, groupId);
      const body = objectBody(ctx);
      requireFields(body, ['who', 'what']);
      const extra = extraState(ctx.state);
      const config = { id: extra.nextDataSharingId++, group_id: groupId, who: String(body.who), what: String(body.what) };
      extra.dataSharing.set(config.id, config);
      return config;
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/group/:id/datasharing',
    handler: (ctx) => {
      const extra = extraState(ctx.state);
      for (const c of sharingList(ctx)) extra.dataSharing.delete(c.id);
      return success();
    },
  },
  {
    method: 'GET',
    pattern: '/api/v1/group/:id/datasharing/:cid',
    handler: (ctx) => {
      const config = sharingList(ctx).find((c) => c.id === intParam(ctx, 'cid'));
      if (!config) throw notFound();
      return config;
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/group/:id/datasharing/:cid',
    handler: (ctx) => {
      const config = sharingList(ctx).find((c) => c.id === intParam(ctx, 'cid'));
      if (!config) throw notFound();
      extraState(ctx.state).dataSharing.delete(config.id);
      return success();
    },
  },
];
