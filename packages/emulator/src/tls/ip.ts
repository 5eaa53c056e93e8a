// IP address text → network-order bytes, for the iPAddress entries of subjectAltName.
import { isIPv4, isIPv6 } from 'node:net';

function ipv4Bytes(text: string): number[] {
  return text.split('.').map((part) => Number(part));
}

function ipv6Bytes(text: string): number[] {
  let address = text;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (isIPv4(tail)) {
    const [a, b, c, d] = ipv4Bytes(tail) as [number, number, number, number];
    address = `${address.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const restParts = rest === undefined ? [] : rest ? rest.split(':') : [];
  const zeros = rest === undefined ? 0 : 8 - headParts.length - restParts.length;
  const hextets = [...headParts, ...Array<string>(zeros).fill('0'), ...restParts].map((h) => parseInt(h, 16));
  return hextets.flatMap((h) => [h >> 8, h & 0xff]);
}

/** Returns 4 or 16 bytes for an IP literal, or undefined when the text is not an IP. */
export function ipToBytes(text: string): Buffer | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIPv4(bare)) return Buffer.from(ipv4Bytes(bare));
  if (isIPv6(bare)) return Buffer.from(ipv6Bytes(bare));
  return undefined;
}
