import { adminCookie } from './admin-cookie.js';
import { AdminToken } from './admin-token.js';
import { parseAuthorization } from './authorization-header.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('parseAuthorization', () => {
  it('reads a bearer token and a basic-auth password (any user), schemes in any case', () => {
    expect(parseAuthorization('Bearer abc.def')).toEqual({ scheme: 'bearer', token: 'abc.def' });
    expect(parseAuthorization('bearer  abc ')).toEqual({ scheme: 'bearer', token: 'abc' });
    expect(parseAuthorization(basic('ops', 'p:ss'))).toEqual({ scheme: 'basic', token: 'p:ss' });
    expect(parseAuthorization(basic('', 'secret'))).toEqual({ scheme: 'basic', token: 'secret' });
  });

  it('gives undefined for anything else, never throwing', () => {
    for (const header of ['', 'Bearer', 'Bearer ', 'Token abc', 'abc', basic('ops', ''), 'Basic %%%', 'Basic bm9jb2xvbg==']) expect(parseAuthorization(header)).toBeUndefined();
  });
});

describe('adminCookie', () => {
  it('finds the hotpath_admin cookie among others, percent-decoded', () => {
    expect(adminCookie('theme=dark; hotpath_admin=a%2Bb; other=1')).toBe('a+b');
    expect(adminCookie('hotpath_admin=x=y')).toBe('x=y');
    expect(adminCookie('not_hotpath_admin=1; theme=dark')).toBeUndefined();
  });

  it('never throws on a malformed escape: the raw value is compared instead', () => {
    expect(adminCookie('hotpath_admin=%')).toBe('%');
    expect(adminCookie('hotpath_admin=%E0%A4%A')).toBe('%E0%A4%A');
    expect(adminCookie('hotpath_admin')).toBeUndefined();
  });
});

describe('AdminToken', () => {
  it('matches only the configured token; an empty one matches nothing', () => {
    const admin = new AdminToken('admin-token-0123456789');
    expect([admin.enabled, admin.matches('admin-token-0123456789'), admin.matches('admin-token-0123456780'), admin.matches('admin-token'), admin.matches('')]).toEqual([true, true, false, false, false]);
    const none = new AdminToken('');
    expect([none.enabled, none.matches('')]).toEqual([false, false]);
  });
});
