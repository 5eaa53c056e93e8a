// cbapi's sensor_group_operations.py: list, add and delete sensor groups, and list the sensors
// of a group.
//
//   node --conditions=@cb/source --import tsx examples/response/sensor-group-operations.ts list
//   node --conditions=@cb/source --import tsx examples/response/sensor-group-operations.ts add --name 'Critical Servers' --site Headquarters
//   node --conditions=@cb/source --import tsx examples/response/sensor-group-operations.ts list-sensors --name Workstations
//   node --conditions=@cb/source --import tsx examples/response/sensor-group-operations.ts delete --name 'Critical Servers'
import { SensorGroup, Site } from '@cb/response';
import { choice, exampleArgs, required, run } from '../lib/cli.js';
import { byIdOrName, NoMatchError, oneByIdOrName } from '../lib/lookup.js';
import { say, table } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: sensor-group-operations.ts COMMAND [options] [--profile NAME]

Commands:
  list                                        every sensor group
  add --name NAME [--site NAME | --site-id ID] add a group (default site: the one with the lowest id)
  delete (--id ID | --name NAME) [--force]    delete a group (it must have no sensors)
  list-sensors [--id ID | --name NAME]        the sensors of a group (default: the lowest id)

  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values, positionals } = exampleArgs(usage, {
    id: { type: 'string', short: 'i' },
    name: { type: 'string', short: 'n' },
    site: { type: 'string', short: 's' },
    'site-id': { type: 'string' },
    force: { type: 'boolean', default: false },
  });
  const command = choice(positionals[0], 'command', ['list', 'add', 'delete', 'list-sensors'] as const);
  const cb = connect(profile);
  const byId = (id: string): Promise<SensorGroup> => cb.fetch(SensorGroup, Number(id));

  switch (command) {
    case 'list': {
      const groups = await cb.select(SensorGroup).sort('id').all();
      const sites = new Map((await cb.select(Site).all()).map((s) => [s.id, s.name]));
      say(
        table(
          ['id', 'name', 'site', 'criticality', 'sensor version', 'banning', 'teams'],
          groups.map((g) => [g.id, g.name, sites.get(g.site_id) ?? g.site_id, g.alert_criticality, g.sensor_version, g.banning_enabled, g.team_access.map((t) => `${t.team_name}: ${t.access_category}`).join(', ')]),
        ),
      );
      return;
    }
    case 'add': {
      let site: Site | undefined;
      if (values.site) site = await cb.select(Site).where(`name:${values.site}`).first();
      else if (values['site-id']) site = await cb.fetch(Site, Number(values['site-id']));
      else site = (await cb.select(Site).sort('id').all())[0];
      if (!site) throw new NoMatchError(values.site ? `no site named '${values.site}'` : 'the server has no site');
      const group = cb.create(SensorGroup, { name: required(values.name, '--name') });
      group.site = site;
      await group.save();
      say(`Added sensor group. New sensor group ID is ${group.id} (site ${site.name})`);
      return;
    }
    case 'delete': {
      const groups = await byIdOrName('sensor group', cb.select(SensorGroup), byId, values.id, values.name);
      if (groups.length > 1 && !values.force) {
        say(`${groups.length} sensor groups match and --force not specified. No action taken.`);
        process.exitCode = 1;
        return;
      }
      for (const g of groups) {
        await g.delete(); // ConflictError while sensors remain in it
        say(`Deleted sensor group id ${g.id} with name ${g.name}`);
      }
      return;
    }
    case 'list-sensors': {
      const group =
        values.id || values.name
          ? await oneByIdOrName('sensor group', cb.select(SensorGroup), byId, values.id, values.name)
          : (await cb.select(SensorGroup).sort('id').all())[0];
      if (!group) throw new NoMatchError('the server has no sensor group');
      const sensors = await group.sensors.sort('computer_name').all();
      say(`Sensors in group ${group.name} (id ${group.id}): ${sensors.length}`);
      if (sensors.length === 0) return;
      say(
        table(
          ['id', 'hostname', 'IP address', 'status', 'last check-in'],
          sensors.map((s) => {
            const ips = s.networkInterfaces.map((i) => i.ipaddr).filter((ip) => ip !== '127.0.0.1' && ip !== '0.0.0.0');
            return [s.id, s.hostname, ips[0] ?? '', s.status, s.last_checkin_time];
          }),
        ),
      );
      return;
    }
  }
}

run(main);
