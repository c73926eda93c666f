/** Times as the workflow writes them: ISO instants for data, local wall-clock labels for people and operators. */

export function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** `2026-10-15 18:00 (UTC+8)`: an instant in the organisation's calendar (no Intl in workflow code). */
export function localTime(ms: number, utcOffsetMinutes: number): string {
  const sign = utcOffsetMinutes >= 0 ? '+' : '-';
  const offset = Math.abs(utcOffsetMinutes);
  const label = `UTC${sign}${Math.floor(offset / 60)}${offset % 60 ? `:${String(offset % 60).padStart(2, '0')}` : ''}`;
  return `${new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ')} (${label})`;
}

/** `202612011800` for 2026-12-01 18:00 in the organisation's time zone: a sortable number for a search attribute. */
export function localStamp(ms: number, utcOffsetMinutes: number): number {
  return Number(new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 16).replace(/[-T:]/g, ''));
}
