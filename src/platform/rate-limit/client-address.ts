import type { IncomingMessage } from 'node:http';
import { isIP, type Socket } from 'node:net';

const ADDRESS = Symbol('hotpath:rate-limit:address');
type AddressedSocket = Socket & { [ADDRESS]?: string };

/**
 * The address a caller is counted by. An IPv6 address counts by its /64, the block one host or
 * household usually holds, so rotating addresses within it does not buy fresh buckets; an
 * IPv4-mapped address counts as the IPv4 address.
 */
export function countingAddress(address: string): string {
  if (!address.includes(':')) return address;
  const lower = address.toLowerCase();
  if (lower.startsWith('::ffff:') && isIP(lower.slice(7)) === 4) return lower.slice(7);
  const zone = lower.indexOf('%');
  const plain = zone === -1 ? lower : lower.slice(0, zone);
  const [head, tail = ''] = plain.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = plain.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * The n-th address from the right of `X-Forwarded-For` (each proxy appends the address it saw;
 * the outermost trusted proxy's entry is the client), or the left-most when the list is
 * shorter; undefined when that entry is not an IP address.
 */
function forwardedAddress(header: string, hops: number): string | undefined {
  let end = header.length;
  let start = header.lastIndexOf(',', end - 1) + 1;
  for (let hop = 1; hop < hops && start > 0; hop++) {
    end = start - 1;
    start = header.lastIndexOf(',', end - 1) + 1;
  }
  const address = header.slice(start, end).trim();
  return isIP(address) ? address : undefined;
}

/**
 * Hot path: the address a request is counted by. With `hops` 0 the socket's peer (worked out once
 * per connection); with n trusted proxies, the address the outermost one saw in `X-Forwarded-For`
 * (the peer when the header is missing or that entry is not an address).
 */
export function clientAddress(request: IncomingMessage, hops: number): string {
  const socket = request.socket as AddressedSocket | undefined;
  const peer = socket ? (socket[ADDRESS] ??= countingAddress(socket.remoteAddress ?? 'unknown')) : 'unknown';
  if (hops === 0) return peer;
  const header = request.headers['x-forwarded-for'];
  if (header === undefined) return peer;
  const forwarded = forwardedAddress(Array.isArray(header) ? header.join(',') : header, hops);
  return forwarded === undefined ? peer : countingAddress(forwarded);
}
