/** INFO's `key:value` lines, by section (lower case); `# Section` headers start one. */
export type InfoSections = Record<string, Record<string, string>>;

export function parseInfo(text: string): InfoSections {
  const sections: InfoSections = {};
  let current: Record<string, string> = (sections.default = {});
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('# ')) current = sections[line.slice(2).toLowerCase()] ??= {};
    else if (line) {
      const colon = line.indexOf(':');
      if (colon > 0) current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return sections;
}

/** `a=1,b=2` (commandstats, keyspace) as numbers. */
export function parseFields(value: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq)] = Number(part.slice(eq + 1));
  }
  return fields;
}

export interface ServerCommandStat {
  command: string;
  calls: number;
  usecPerCall: number;
  /** Microseconds spent in this command since the server started (or CONFIG RESETSTAT). */
  usec: number;
  failedCalls: number;
  rejectedCalls: number;
}

/** Commandstats, the most time-consuming first. */
export function commandStats(section: Record<string, string> | undefined): ServerCommandStat[] {
  return Object.entries(section ?? {})
    .filter(([key]) => key.startsWith('cmdstat_'))
    .map(([key, value]) => {
      const f = parseFields(value);
      return { command: key.slice(8), calls: f.calls ?? 0, usec: f.usec ?? 0, usecPerCall: f.usec_per_call ?? 0, failedCalls: f.failed_calls ?? 0, rejectedCalls: f.rejected_calls ?? 0 };
    })
    .sort((a, b) => b.usec - a.usec);
}

export function num(section: Record<string, string> | undefined, key: string): number | null {
  const value = section?.[key];
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
