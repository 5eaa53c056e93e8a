export { crc32 } from './crc32.js';
export { createZip, type ZipEntryInput } from './writer.js';
export { readZip, type ZipEntry } from './reader.js';
export { createTar, createTarGz, type TarEntryInput } from './tar.js';
