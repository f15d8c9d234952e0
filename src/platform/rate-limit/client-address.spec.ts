import type { IncomingMessage } from 'node:http';
import { clientAddress, countingAddress } from './client-address.js';

const request = (remoteAddress: string, forwardedFor?: string): IncomingMessage =>
  ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('countingAddress', () => {
  it('keeps IPv4 addresses and unwraps IPv4-mapped IPv6 ones', () => {
    expect(countingAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(countingAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    expect(countingAddress('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(countingAddress('2001:DB8:0000:0001::1')).toBe('2001:db8:0:1::/64');
    expect(countingAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(countingAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(countingAddress('::1')).toBe('0:0:0:0::/64');
  });
});

describe('clientAddress', () => {
  it('uses the socket peer and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress(request('198.51.100.1', '203.0.113.7'), 0)).toBe('198.51.100.1');
  });

  it('takes the address the outermost trusted proxy saw: the n-th from the right', () => {
    const header = '10.0.0.66, 203.0.113.7, 192.0.2.10';
    expect(clientAddress(request('198.51.100.1', header), 1)).toBe('192.0.2.10');
    expect(clientAddress(request('198.51.100.1', header), 2)).toBe('203.0.113.7');
    // A list shorter than the trusted hops: the left-most entry.
    expect(clientAddress(request('198.51.100.1', header), 5)).toBe('10.0.0.66');
    expect(clientAddress(request('198.51.100.1', '2001:db8::9'), 1)).toBe('2001:db8:0:0::/64');
  });

  it('falls back to the peer when the header is missing or the entry is not an address', () => {
    expect(clientAddress(request('198.51.100.1'), 1)).toBe('198.51.100.1');
    expect(clientAddress(request('198.51.100.1', '203.0.113.7, not-an-ip'), 1)).toBe('198.51.100.1');
    expect(clientAddress(request('198.51.100.1', ''), 1)).toBe('198.51.100.1');
  });

  it('answers for a request without a socket', () => {
    expect(clientAddress({ headers: {} } as IncomingMessage, 0)).toBe('unknown');
  });
});
