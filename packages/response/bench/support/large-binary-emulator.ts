// Child process for the binary-stream bench: an emulator whose state holds one large binary
// (4 MiB, the emulator's cap for generated file data). Running it in its own process keeps the
// server's buffers out of the bench's memory readings. Prints one JSON line, then serves until
// SIGTERM.
import { SPECIAL_BINARY_MD5, startEmulator } from '@cb/emulator';

export const LARGE_BINARY_MD5 = 'B16B1A4B16B1A4B16B1A4B16B1A4B16B';
export const LARGE_BINARY_SIZE = 4 * 1024 * 1024;

const emu = await startEmulator({ seed: 42, scale: 'small' });
const template = emu.state.binaries.get(SPECIAL_BINARY_MD5);
if (!template) throw new Error('emulator dataset lacks the special binary');
emu.state.binaries.set(LARGE_BINARY_MD5, {
  ...template,
  md5: LARGE_BINARY_MD5,
  orig_mod_len: LARGE_BINARY_SIZE,
  copied_mod_len: LARGE_BINARY_SIZE,
  observed_filename: ['c:\\bench\\large.exe'],
});
process.stdout.write(`${JSON.stringify({ url: emu.url, token: emu.token, md5: LARGE_BINARY_MD5, size: LARGE_BINARY_SIZE })}\n`);
process.on('SIGTERM', () => {
  void emu.close().then(() => process.exit(0));
});
