// The user guide's isolation walkthrough: isolate a host from
// the network, or lift the isolation, and wait until the sensor confirms it at its next
// check-in. Ctrl-C stops waiting (the request stays queued on the server).
//
//   node --conditions=@cb/source --import tsx examples/response/isolate-sensor.ts --sensor WIN-IA9NQ1GN8OI --timeout 300
//   node --conditions=@cb/source --import tsx examples/response/isolate-sensor.ts --sensor 3 --unisolate
import { AbortError, ApiError } from '@cb/core';
import type { IsolationOptions } from '@cb/response';
import { exampleArgs, intOption, required, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';
import { sensorFrom } from '../lib/sensor-arg.js';

const usage = `Usage: isolate-sensor.ts --sensor ID|HOSTNAME [--unisolate] [--timeout SECONDS] [--poll-interval MS] [--profile NAME]

Isolates a sensor's host (or, with --unisolate, restores its network) and waits for the
sensor to confirm.

  --sensor S          sensor id or host name
  --unisolate         lift the isolation instead
  --timeout SECONDS   how long to wait for the confirmation (default 300)
  --poll-interval MS  time between checks (default 1000)
  --profile NAME      profile in credentials.response (default: default)
  -h, --help          this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    sensor: { type: 'string', short: 's' },
    unisolate: { type: 'boolean', default: false },
    timeout: { type: 'string' },
    'poll-interval': { type: 'string' },
  });
  const timeoutMs = intOption(values.timeout, '--timeout', 300) * 1000;
  const pollIntervalMs = intOption(values['poll-interval'], '--poll-interval', 1000);
  const cb = connect(profile);
  const sensor = await sensorFrom(cb, required(values.sensor, '--sensor'));
  const isolate = !values.unisolate;
  say(`${sensor.hostname} (sensor ${sensor.id}, ${sensor.status}): isolation ${sensor.is_isolating ? 'active' : 'inactive'}`);
  if (isolate && !sensor.supports_isolation) throw new ApiError(`${sensor.hostname} does not support network isolation`);

  const stop = new AbortController();
  const onSigint = (): void => stop.abort();
  process.once('SIGINT', onSigint);
  const started = Date.now();
  try {
    const options: IsolationOptions = {
      timeoutMs,
      pollIntervalMs,
      signal: stop.signal,
      onPoll: ({ attempt, state }) =>
        say(`  check ${attempt}: ${state.status}, isolating=${state.isIsolating}, next check-in ${state.nextCheckinTime.toISOString()}`),
    };
    await (isolate ? sensor.isolate(options) : sensor.unisolate(options));
  } catch (err) {
    if (err instanceof AbortError) {
      throw new AbortError(`stopped waiting; the ${isolate ? 'isolation' : 'release'} request stays queued for ${sensor.hostname}`);
    }
    throw err; // TimeoutError: "timed out waiting for isolation to become active"
  } finally {
    process.off('SIGINT', onSigint);
  }
  say(`${sensor.hostname} is ${isolate ? 'isolated' : 'no longer isolated'} (confirmed after ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

run(main);
