import { AdminDisabledError, AdminToken, AdminUnauthorizedError } from './admin-token.js';

describe('AdminToken', () => {
  const token = 'admin-token-0123456789';
  const admin = new AdminToken(token);
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('accepts the token as bearer, as basic-auth password (any user) or in the cookie', () => {
    expect(() => admin.check({ authorization: `Bearer ${token}` })).not.toThrow();
    expect(() => admin.check({ authorization: basic('ops', token) })).not.toThrow();
    expect(() => admin.check({ authorization: basic('', token) })).not.toThrow();
    expect(() => admin.check({ cookie: `theme=dark; hotpath_admin=${encodeURIComponent(token)}` })).not.toThrow();
  });

  it('refuses anything else', () => {
    for (const credentials of [{}, { authorization: `Bearer ${token}x` }, { authorization: basic(token, 'wrong') }, { authorization: token }, { cookie: `other=${token}` }, { cookie: 'hotpath_admin=%' }, { cookie: `hotpath_admin=%zz${token}` }]) {
      expect(() => admin.check(credentials)).toThrow(AdminUnauthorizedError);
    }
  });

  it('is disabled while no token is configured', () => {
    expect(() => new AdminToken('').check({ authorization: 'Bearer ' })).toThrow(AdminDisabledError);
  });
});
