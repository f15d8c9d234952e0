/** Names whose values are credentials: never echoed in an error or a log line. */
const SECRET_NAME = /(^|_)(TOKEN|SECRET|PASSWORD|KEY)$/;

/** `url` with its password (if any) replaced by `***`; text that is not a URL comes back unchanged. */
export function redactUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@\s]*):[^@\s]*@/, '//$1:***@');
  }
}

/** How a raw variable may be shown in a message: secrets by their length only, URLs without their password. */
export function shownValue(name: string, raw: string): string {
  if (SECRET_NAME.test(name)) return `a value of ${raw.length} characters (not shown)`;
  return JSON.stringify(redactUrlPassword(raw));
}
