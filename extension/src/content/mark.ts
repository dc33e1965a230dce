/**
 * The Earshot mark (an ear with two sound arcs): the toggle (toggle.html, an extension frame) shows it when there
 * is no level to show; the level's colour and letter are drawn inside that frame only, never in the host page's DOM
 * (content/mount.ts). Its strokes: 24 × 24 viewBox, stroked with currentColor, width 2, round caps and joins.
 */
export const EARSHOT_MARK_PATHS: readonly string[] = [
  'M7 9a5 5 0 0 1 10 0c0 3-3 4-3 7a3 3 0 0 1-5.2 2',
  'M10 9.5a2 2 0 0 1 4 0c0 1.2-1.2 1.6-1.6 2.6',
  'M19.5 5.5a8 8 0 0 1 1.5 4.5',
  'M3 10a8 8 0 0 1 1.5-4.5',
];
