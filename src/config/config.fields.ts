/** Typed descriptions of environment variables: each parses one raw string or explains why not. */
export interface Field<T> {
  readonly kind: string;
  readonly default: T;
  readonly description: string;
  /** Human-readable allowed range, used in error messages and `.env.example`. */
  readonly range: string;
  parse(raw: string): T | undefined;
}

export function int(def: number, min: number, max: number, description: string): Field<number> {
  return {
    kind: 'integer',
    default: def,
    description,
    range: `integer ${min}..${max}`,
    parse: (raw) => {
      if (!/^-?\d+$/.test(raw.trim())) return undefined;
      const value = Number(raw);
      return value >= min && value <= max ? value : undefined;
    },
  };
}

export function num(def: number, min: number, max: number, description: string): Field<number> {
  return {
    kind: 'number',
    default: def,
    description,
    range: `number ${min}..${max}`,
    parse: (raw) => {
      const value = raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(value) && value >= min && value <= max ? value : undefined;
    },
  };
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export function bool(def: boolean, description: string): Field<boolean> {
  return {
    kind: 'boolean',
    default: def,
    description,
    range: 'true|false',
    parse: (raw) => {
      const value = raw.trim().toLowerCase();
      if (TRUE.has(value)) return true;
      if (FALSE.has(value)) return false;
      return undefined;
    },
  };
}

export function oneOf<T extends string>(def: T, values: readonly T[], description: string): Field<T> {
  return {
    kind: 'enum',
    default: def,
    description,
    range: values.join('|'),
    parse: (raw) => values.find((value) => value === raw.trim()),
  };
}

export function url(def: string, protocols: readonly string[], description: string): Field<string> {
  return {
    kind: 'url',
    default: def,
    description,
    range: `${protocols.map((p) => `${p}//`).join(' or ')} URL`,
    parse: (raw) => {
      try {
        return protocols.includes(new URL(raw).protocol) ? raw : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export function text(def: string, pattern: RegExp, range: string, description: string): Field<string> {
  return {
    kind: 'string',
    default: def,
    description,
    range,
    parse: (raw) => (pattern.test(raw) ? raw : undefined),
  };
}

/** Trusted proxy hops: `false` (0, none), `true` (1) or a count. */
export function proxyHops(def: number, max: number, description: string): Field<number> {
  return {
    kind: 'hops',
    default: def,
    description,
    range: `false|true|hop count 0..${max}`,
    parse: (raw) => {
      const value = raw.trim().toLowerCase();
      if (value === 'false') return 0;
      if (value === 'true') return 1;
      if (!/^\d+$/.test(value)) return undefined;
      const hops = Number(value);
      return hops <= max ? hops : undefined;
    },
  };
}

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** A comma-separated list of web origins (`scheme://host[:port]`, no path) or `*`; empty is none. */
export function originList(description: string): Field<string[]> {
  return {
    kind: 'string',
    default: [],
    description,
    range: 'empty, * or comma-separated origins such as https://app.example.org',
    parse: (raw) => {
      const origins = raw
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== '');
      return origins.every((origin) => origin === '*' || ORIGIN.test(origin)) ? origins : undefined;
    },
  };
}
