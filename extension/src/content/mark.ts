/**
 * The Earshot mark (an ear with two sound arcs), as inline SVG: the toggle shows this and nothing else, never a
 * risk colour, a level or a name, so the host page learns nothing about a customer from looking at it.
 */
export const EARSHOT_MARK_SVG =
  '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" ' +
  'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' +
  '<path d="M7 9a5 5 0 0 1 10 0c0 3-3 4-3 7a3 3 0 0 1-5.2 2"/>' +
  '<path d="M10 9.5a2 2 0 0 1 4 0c0 1.2-1.2 1.6-1.6 2.6"/>' +
  '<path d="M19.5 5.5a8 8 0 0 1 1.5 4.5"/><path d="M3 10a8 8 0 0 1 1.5-4.5"/></svg>';
