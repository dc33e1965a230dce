import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress } from './client-address.js';

const req = (remoteAddress: string | undefined, xff?: string) => ({ socket: { remoteAddress } as never, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } });

describe('client address', () => {
  it('is the socket address and ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(clientAddress(req('127.0.0.1', '203.0.113.9'), 0)).toBe('127.0.0.1');
    expect(clientAddress(req('::ffff:192.0.2.4', '203.0.113.9'), 0)).toBe('192.0.2.4');
  });

  it('takes the entry the trusted proxies appended, counted from the right', () => {
    expect(clientAddress(req('10.0.0.1', 'spoofed, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.1', '1.1.1.1, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.1', '203.0.113.9:5555'), 1)).toBe('203.0.113.9');
    expect(clientAddress(req('10.0.0.1', '[2001:db8::1]:443'), 1)).toBe('2001:db8:0:0::/64');
  });

  it('falls back to the socket when the header is missing, short or not an address', () => {
    expect(clientAddress(req('10.0.0.1'), 1)).toBe('10.0.0.1');
    expect(clientAddress(req('10.0.0.1', '203.0.113.9'), 2)).toBe('10.0.0.1');
    expect(clientAddress(req('10.0.0.1', 'not-an-ip'), 1)).toBe('10.0.0.1');
  });

  it('never returns no address for a socket (one that closed early shares a key)', () => {
    expect(clientAddress(req(undefined), 0)).toBe('unknown');
  });

  it('groups IPv6 addresses by their /64', () => {
    expect(addressKey('2001:db8:1:2::1')).toBe(addressKey('2001:DB8:1:2:ffff:ffff:ffff:ffff'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
