// USB mass-storage devices plugged into a few Windows workstations. Plug and Play runs in the
// DcomLaunch svchost (PlugPlay and DeviceInstall services): for a new device it creates the
// instance key under Enum\USBSTOR and registers the disk interface under DeviceClasses — the
// writes cbapi's enumerate_usb_devices.py searches (`regmod:...\deviceclasses\{53f56307-...}\*`)
// and splits on `usbstor#disk&`. Hosts, devices and plug-in segments derive from the seed; the
// writes replace the first regmods of the chosen segment, so the row counts still hold.
import type { ColumnProcessStore } from './process-store.js';
import { Rng, hashSeed } from './rng.js';
import type { ProcIndex, RegmodEvent, RowIndex } from './types.js';
import type { SensorFacts, World } from './world.js';

/** GUID_DEVINTERFACE_DISK. */
export const DISK_INTERFACE_CLASS = '{53f56307-b6bf-11d0-94f2-00a0c91efb8b}';
const CCS = '\\registry\\machine\\system\\currentcontrolset';

/** `disk&ven_<vendor>&prod_<product>&rev_<revision>` as Windows names USBSTOR devices (lower case, as regmod paths are). */
const MODELS = [
  'disk&ven_sandisk&prod_cruzer_blade&rev_1.00',
  'disk&ven_kingston&prod_datatraveler_3.0&rev_pmap',
  'disk&ven_generic&prod_flash_disk&rev_8.07',
  'disk&ven_wd&prod_elements_25a2&rev_1021',
  'disk&ven_samsung&prod_portable_ssd_t5&rev_0',
  'disk&ven_seagate&prod_expansion&rev_0708',
  'disk&ven_verbatim&prod_store_n_go&rev_pmap',
  'disk&ven_lexar&prod_usb_flash_drive&rev_1100',
] as const;

/** Share of Windows workstations that saw a USB disk (at least one host when there are any). */
const HOST_SHARE = 0.3;
/** Registry writes of one plug-in (see usbRegmods). */
export const USB_WRITES = 3;

export interface UsbDevice {
  /** `disk&ven_..&prod_..&rev_..` */
  model: string;
  /** device instance id under the model: `<serial>&0` */
  instance: string;
}

const plans = new WeakMap<World, Map<number, UsbDevice[]>>();

/** Sensor id → the USB disks plugged into it. */
export function usbDevicesBySensor(w: World): Map<number, UsbDevice[]> {
  let plan = plans.get(w);
  if (plan) return plan;
  plan = new Map();
  const rng = new Rng(hashSeed(w.seed, 0x05b5));
  const candidates: SensorFacts[] = w.sensors.filter((s) => s.osType === 'windows' && s.hostType === 'workstation');
  const hosts = candidates.length ? Math.max(1, Math.ceil(candidates.length * HOST_SHARE)) : 0;
  for (let h = 0; h < hosts; h++) {
    // partial Fisher-Yates: distinct hosts in seed order
    const j = h + rng.int(candidates.length - h);
    [candidates[h], candidates[j]] = [candidates[j], candidates[h]];
    const devices: UsbDevice[] = [];
    const n = rng.chance(0.35) ? 2 : 1;
    for (let d = 0; d < n; d++) devices.push({ model: rng.pick(MODELS), instance: `${rng.hex(rng.chance(0.5) ? 16 : 20)}&0` });
    plan.set(candidates[h].id, devices);
  }
  plans.set(w, plan);
  return plan;
}

/** The writes of one plug-in, in the order Plug and Play makes them, with their delay after the first. */
export function usbRegmods(d: UsbDevice): (Pick<RegmodEvent, 'action' | 'path'> & { afterMs: number })[] {
  const key = `${CCS}\\enum\\usbstor\\${d.model}\\${d.instance}`;
  const iface = `##?#usbstor#${d.model}#${d.instance}#${DISK_INTERFACE_CLASS}`;
  return [
    { action: 1, path: key, afterMs: 0 },
    { action: 2, path: `${key}\\friendlyname`, afterMs: 12 },
    { action: 2, path: `${CCS}\\control\\deviceclasses\\${DISK_INTERFACE_CLASS}\\${iface}\\deviceinstance`, afterMs: 41 },
  ];
}

/**
 * Turns a segment's first regmods into the plug-in's writes. They happen within a fraction of a
 * second, so each is moved earlier (never later), which keeps the list sorted and in the segment.
 */
export function applyUsbPlug(events: RegmodEvent[], d: UsbDevice): void {
  if (events.length === 0) return;
  const at = events[0].timestamp;
  usbRegmods(d).forEach(({ afterMs, ...write }, j) => {
    if (j < events.length) Object.assign(events[j], write, { timestamp: Math.min(events[j].timestamp, at + afterMs) });
  });
}

const plugs = new WeakMap<ColumnProcessStore, Map<ProcIndex, Map<RowIndex, UsbDevice>>>();

function isPlugAndPlayHost(store: ColumnProcessStore, p: ProcIndex): boolean {
  const w = store.world;
  return w.programs[store.cols.prog[p]].key === 'svchost' && store.cmdlineOf(p).toLowerCase().includes('-k dcomlaunch');
}

/** Segments of the DcomLaunch svchost `p` in which a device is plugged in (row → device). */
function plugRows(store: ColumnProcessStore, p: ProcIndex): Map<RowIndex, UsbDevice> {
  const c = store.cols;
  const s = store.world.sensors[c.sensorIdx[p]];
  const out = new Map<RowIndex, UsbDevice>();
  const devices = usbDevicesBySensor(store.world).get(s.id);
  if (!devices) return out;
  // Not at boot (the first segment), and only where the row has room for every write.
  const eligible = store.rowsOf(p).filter((r) => r > c.firstRow[p] && c.regmods[r] >= USB_WRITES);
  const rng = new Rng(hashSeed(store.world.seed, 0x05b6, s.id));
  for (const d of devices) {
    const free = eligible.filter((r) => !out.has(r));
    if (free.length) out.set(rng.pick(free), d);
  }
  return out;
}

/** The USB disk plugged in during row `i` of process `p`, if any. */
export function usbPlugAt(store: ColumnProcessStore, p: ProcIndex, i: RowIndex): UsbDevice | undefined {
  if (store.world.programs[store.cols.prog[p]].key !== 'svchost') return undefined;
  let byProc = plugs.get(store);
  if (!byProc) plugs.set(store, (byProc = new Map()));
  let rows = byProc.get(p);
  if (!rows) byProc.set(p, (rows = isPlugAndPlayHost(store, p) ? plugRows(store, p) : new Map()));
  return rows.get(i);
}
