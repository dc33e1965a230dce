import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * The signed-in user, for every component that names people: they read "you" for themself (ui/format/people.ts).
 * Provided by the panel, the workspace page and the popup; null outside them (names are then shown as they are).
 */
export const ViewerContext = createContext<{ id: string } | null>(null);

export function useViewer(): { id: string } | null {
  return useContext(ViewerContext);
}
