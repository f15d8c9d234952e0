/**
 * RFC 3339 dates and date-times, the subset of ISO 8601 whose every match is one instant:
 * `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with `Z`, an offset, or
 * none (UTC). ISO forms that `IsISO8601` accepts but `Date` cannot read (week dates, basic
 * format, an hour alone) are refused, and so are calendar dates that do not exist.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:\d{2})?)?$/;

/** The instants Postgres and `Date` both hold without a year 0 or a sign: years 0001 to 9999 in UTC. */
const EARLIEST = -62135596800000;
const LATEST = 253402300799999;

const MAX_INSTANT_LENGTH = 40;

function daysIn(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The instant `value` names, or undefined when it names none (see INSTANT). */
export function parseInstant(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value.length > MAX_INSTANT_LENGTH) return undefined;
  const m = INSTANT.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((part) => (part === undefined ? undefined : Number(part)));
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysIn(year!, month!) || hour > 23 || minute > 59 || second > 59) return undefined;
  const offset = m[8];
  let offsetMinutes = 0;
  if (offset && offset !== 'Z' && offset !== 'z') {
    const [h, mm] = [Number(offset.slice(1, 3)), Number(offset.slice(4, 6))];
    if (h > 23 || mm > 59) return undefined;
    offsetMinutes = (offset[0] === '-' ? -1 : 1) * (h * 60 + mm);
  }
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  date.setUTCHours(hour, minute - offsetMinutes, second, millis);
  const time = date.getTime();
  return time >= EARLIEST && time <= LATEST ? date : undefined;
}

/** `value` as the canonical form of its instant (`toISOString()`), or unchanged when it names none. */
export function canonicalInstant(value: unknown): unknown {
  return parseInstant(value)?.toISOString() ?? value;
}
