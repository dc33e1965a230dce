/** "a", "a and b", "a, b and c": a list inside an English sentence (no Oxford comma, as in the rest of the panel). */
export function listAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
