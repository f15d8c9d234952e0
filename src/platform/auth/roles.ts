/** `editor` changes contracts, `analyst` opens investigations, `admin` may do both and everything under /admin. */
export const ROLES = ['editor', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
