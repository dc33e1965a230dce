/** Type-to-filter for the signal chips: "sta" finds "Staff cuts", "kep" finds "Premises well kept". */
import { SIGNAL_TYPE_INFO, type SignalType } from '@earshot/shared';

export function chipMatches(type: SignalType, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const label = SIGNAL_TYPE_INFO[type].label.toLowerCase();
  return label.startsWith(q) || label.split(/[\s-]+/).some((word) => word.startsWith(q));
}

/** The chips matching `query`, label-prefix matches first (so "s" lands on "Staff cuts", not "Sales declining"). */
export function filterChips(types: readonly SignalType[], query: string): SignalType[] {
  const q = query.trim().toLowerCase();
  const matching = types.filter((t) => chipMatches(t, q));
  const starts = matching.filter((t) => SIGNAL_TYPE_INFO[t].label.toLowerCase().startsWith(q));
  return [...starts, ...matching.filter((t) => !starts.includes(t))];
}
