/** Small formatting helpers for the sentences in demo signals and notes. */
import { DAY_MS } from './credit-file.js';

export function money(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: 2 }).format(cents / 100);
}

/** "14 March". */
export function dayMonth(day: number): string {
  return new Date(day * DAY_MS).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
}

/** "14 March 2026". */
export function fullDate(day: number): string {
  return new Date(day * DAY_MS).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "March". */
export function monthName(day: number): string {
  return new Date(day * DAY_MS).toLocaleDateString('en-GB', { month: 'long', timeZone: 'UTC' });
}

/** "Tuesday". */
export function weekday(day: number): string {
  return new Date(day * DAY_MS).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
}

/** Fills `{name}` placeholders; an unknown placeholder is a bug in the demo texts, so it throws. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = values[k];
    if (v === undefined) throw new Error(`Demo text has no value for {${k}}: ${template}`);
    return v;
  });
}
