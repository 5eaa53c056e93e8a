// cbapi's enumerate_usb_devices.py: USB mass-storage devices seen by Windows, from registry
// writes under the disk device-interface class ({53f56307-b6bf-11d0-94f2-00a0c91efb8b}).
//
//   node --conditions=@cb/source --import tsx examples/response/enumerate-usb-devices.ts --start -30d
import { Process } from '@cb/response';
import { exampleArgs, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: enumerate-usb-devices.ts [--start WHEN] [--profile NAME]

Lists USB storage devices (vendor, product, revision, serial) from registry modifications.

  --start WHEN     only processes started since WHEN (server syntax: -2h, -30d, or a time range)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

const DISK_CLASS = '{53f56307-b6bf-11d0-94f2-00a0c91efb8b}';

/** `...\##?#usbstor#disk&ven_x&prod_y&rev_z#serial&0#{...}` → the part after `usbstor#disk&`. */
export function usbDevice(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (!lower.includes(DISK_CLASS)) return undefined;
  const at = lower.indexOf('usbstor#disk&');
  if (at < 0) return undefined;
  return path.slice(at + 'usbstor#disk&'.length).split(`#${DISK_CLASS}`)[0];
}

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { start: { type: 'string', short: 's' } });
  const cb = connect(profile);
  let query = `regmod:registry\\machine\\system\\currentcontrolset\\control\\deviceclasses\\${DISK_CLASS}\\*`;
  if (values.start) query += ` start:${values.start}`;
  const devices = new Map<string, Set<string>>();
  let processes = 0;
  for await (const proc of cb.select(Process).where(query)) {
    processes++;
    for await (const rm of proc.regmods()) {
      const device = usbDevice(rm.path);
      if (device) devices.set(device, (devices.get(device) ?? new Set()).add(proc.hostname));
    }
  }
  if (devices.size === 0) {
    say(`no USB storage devices found (${processes} matching process(es))`);
    return;
  }
  for (const [device, hosts] of devices) say(`${device}  on ${[...hosts].join(', ')}`);
  say(`${devices.size} device(s)`);
}

run(main);
