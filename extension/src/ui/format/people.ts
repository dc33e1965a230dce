/**
 * People as the reader reads them: the signed-in user is "you", never their own name in the third person ("Asked Sam
 * Okafor (from Clara Brandt)" shown to Clara). Pure, with the viewer passed in (ui/hooks/viewer.ts provides it).
 */

export interface Someone {
  id: string;
  name: string;
}

export type Viewer = { id: string } | null | undefined;

export function isViewer(person: { id: string } | null | undefined, viewer: Viewer): boolean {
  return person != null && viewer != null && person.id === viewer.id;
}

/** "you" for the viewer ("You" at the start of a sentence), else the name; `fallback` for nobody. */
export function nameFor(person: Someone | null | undefined, viewer: Viewer, options: { start?: boolean; fallback?: string } = {}): string {
  if (isViewer(person, viewer)) return options.start ? 'You' : 'you';
  return person?.name ?? options.fallback ?? '';
}

/**
 * Who asked whom, from where the viewer stands: "You asked Sam Okafor", "Clara Brandt asked you", "Clara Brandt asked
 * Sam Okafor"; "Credit asked …" when the request names no one who asked.
 */
export function askedWords(requestedBy: Someone | null | undefined, assignedTo: Someone | null | undefined, viewer: Viewer): string {
  const who = nameFor(requestedBy, viewer, { start: true, fallback: 'Credit' });
  const whom = assignedTo ? ` ${nameFor(assignedTo, viewer)}` : '';
  // "You asked yourself": a credit user who assigned a request to themself.
  if (whom && isViewer(requestedBy, viewer) && isViewer(assignedTo, viewer)) return 'You asked yourself';
  return `${who} asked${whom}`;
}

/** A list of names with the viewer as "you" (first when they are in it): "you, Sam Okafor". */
export function namesFor(people: readonly Someone[], viewer: Viewer): string[] {
  const you = people.filter((p) => isViewer(p, viewer));
  const others = people.filter((p) => !isViewer(p, viewer)).map((p) => p.name);
  return you.length ? ['you', ...others] : others;
}
