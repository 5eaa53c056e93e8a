// The Carbon Black Cloud Live Response walkthrough of docs/architecture.md: pick a device, open a
// Live Response v6 session, create a directory, upload a file, list the directory, start a
// process, find it in the process list, kill it, close the session.
//
//   node --conditions=@cb/source --import tsx examples/platform/seed-004-walkthrough.ts --profile sample
//   node --conditions=@cb/source --import tsx examples/platform/seed-004-walkthrough.ts \
//        --url https://defense.conferdeploy.net --token SECRET/ID --org-key ABCD1234
import { CBCloudAPI, Device } from '@cb/platform';
import { exampleArgs, run } from '../lib/cli.js';

const usage = `Usage: seed-004-walkthrough.ts [--profile NAME | --url URL --token SECRET/ID --org-key KEY] [options]

Runs the Live Response walkthrough on one Carbon Black Cloud device.

  --profile NAME     profile in credentials.psc / credentials.cbc (default: default)
  --url URL          console URL, e.g. https://defense.conferdeploy.net (with --token and --org-key)
  --token SECRET/ID  API key as "API Secret Key/API ID" (Custom access level)
  --org-key KEY      org key (Settings > General)
  --device ID        device id (default: the first active Windows device, else the first device)
  --cleanup          delete the uploaded file and the directory afterwards
  -h, --help         this text`;

/** A Windows device whose sensor is connected and allows Live Response, else any device. */
async function pickDevice(api: CBCloudAPI): Promise<Device | undefined> {
  for await (const d of api.select(Device).setOs(['WINDOWS']).setStatus(['ACTIVE']).limit(200)) {
    if (d.liveResponseEnabled && d.sensor_states.includes('ACTIVE')) return d;
  }
  return api.select(Device).first();
}

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    url: { type: 'string' },
    token: { type: 'string' },
    'org-key': { type: 'string' },
    device: { type: 'string' },
    cleanup: { type: 'boolean', default: false },
  });
  const inCode = values.url !== undefined || values.token !== undefined;
  await using api = inCode
    ? new CBCloudAPI({ url: values.url, token: values.token, orgKey: values['org-key'] })
    : new CBCloudAPI({ profile, orgKey: values['org-key'] });
  process.stdout.write(`Carbon Black Cloud ${api.url} (${inCode ? 'credentials from flags' : `profile ${profile}`})\n`);

  const device = values.device ? await api.fetch(Device, Number(values.device)) : await pickDevice(api);
  if (!device) throw new Error('No device found in this org');
  process.stdout.write(`device ${device.id}: ${device.name ?? '(no name)'} (${device.os}, ${device.status})\n`);

  await using lr = await device.lrSession();
  process.stdout.write(`session ${String(lr.sessionId)} is active (${lr.osType})\n`);

  const windows = lr.osType === 'windows';
  const dir = windows ? 'C:\\demo\\' : '/tmp/demo/';
  const file = lr.join(dir, 'demo.txt');
  await lr.createDirectory(dir);
  process.stdout.write(`created directory ${dir}\n`);

  await lr.putFile(`Hello from the Carbon Black SDK for TypeScript (${new Date().toISOString()})\n`, file);
  process.stdout.write(`uploaded ${file}\n`);

  process.stdout.write(`listing ${dir}:\n`);
  for (const entry of await lr.listDirectory(dir)) {
    process.stdout.write(`  ${(entry.attributes[0] ?? '').padEnd(10)} ${String(entry.size).padStart(8)}  ${entry.filename}\n`);
  }

  const command = windows ? 'cmd.exe /c "ping.exe -t 127.0.0.1"' : 'ping 127.0.0.1';
  await lr.createProcess(command, { waitForCompletion: false, waitForOutput: false });
  process.stdout.write(`started: ${command}\n`);

  // ping itself, else the shell wrapper we started (its command line is ours).
  const all = await lr.listProcesses();
  const pings = all.filter((p) => /ping(\.exe)?$/i.test(p.process_path));
  const targets = pings.length > 0 ? pings : all.filter((p) => p.process_cmdline === command);
  let killed = 0;
  for (const p of targets) {
    const ok = await lr.killProcess(p.process_pid);
    process.stdout.write(`kill ${p.process_pid} (${p.process_path}): ${ok ? 'done' : 'not confirmed within 10 s'}\n`);
    if (ok) killed++;
  }
  if (targets.length === 0) process.stdout.write('no ping process found to kill\n');
  else process.stdout.write(`killed ${killed} of ${targets.length} process(es)\n`);

  if (values.cleanup) {
    await lr.deleteFile(file);
    await lr.deleteFile(dir);
    process.stdout.write(`deleted ${file} and ${dir}\n`);
  }
  // `await using` closes the session (DELETE) and then the API's Live Response manager.
  process.stdout.write('closing the session\n');
}

run(main);
