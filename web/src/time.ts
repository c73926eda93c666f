/** Times for people: local date and time, and a countdown to a due time. */
import { useEffect, useState } from 'react';
import type { Locale } from './i18n';

export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export const formatTime = (iso: string | null | undefined, locale: Locale) => (iso ? new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

/** "in 3 h 20 min" / "5 min ago", in the person's language. */
export function countdown(iso: string, now: number, locale: Locale): string {
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const zh = locale === 'zh-CN';
  const parts = d > 0 ? [`${d}${zh ? '天' : ' d'}`, `${h}${zh ? '小时' : ' h'}`] : h > 0 ? [`${h}${zh ? '小时' : ' h'}`, `${m}${zh ? '分' : ' min'}`] : [`${m}${zh ? '分' : ' min'}`, `${s}${zh ? '秒' : ' s'}`];
  const span = parts.join(zh ? '' : ' ');
  return ms >= 0 ? (zh ? `剩余 ${span}` : `in ${span}`) : zh ? `已超 ${span}` : `${span} overdue`;
}

/** Due within four hours. */
export const dueSoon = (iso: string | null | undefined, now: number) => !!iso && Date.parse(iso) - now < 4 * 3_600_000 && Date.parse(iso) >= now;
