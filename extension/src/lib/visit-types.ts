/** Shapes of the visit data the panel and popup read, as selected in @earshot/shared operations (`PanelVisit`). */
import type { ActionItemStatus, VisitPurpose, VisitStatus } from '@earshot/shared';
import type { NotesFlag } from './messages.js';

export interface PanelVisitData {
  id: string;
  purpose: VisitPurpose;
  status: VisitStatus;
  scheduledAt: string;
  place: string | null;
  heldAt: string | null;
  /** The server's answer to "may this viewer change the visit" (credit, the organizer or an attendee). */
  viewerCanEdit: boolean;
  organizer: { id: string; name: string } | null;
  attendees: { id: string; name: string }[];
}

export interface PopupVisitData extends PanelVisitData {
  account: { id: string; name: string };
}

export interface ActionItemData {
  id: string;
  title: string;
  /** The owner's name, a user's or a customer contact's. */
  ownerName: string;
  /** Set when an internal user owns it (null for a customer contact). */
  ownerUser: { id: string; name: string } | null;
  /** A calendar day (`2026-12-05` or midnight UTC of it). */
  dueOn: string;
  status: ActionItemStatus;
  overdue: boolean;
  /** Who wrote it down (they may change it); null when that user is gone. */
  createdBy?: { id: string } | null;
  /** The visit it came from; `viewerCanEdit`: the viewer is credit, its organizer or an attendee (they may change it). */
  visit: { id: string; viewerCanEdit?: boolean } | null;
}

export interface VisitOperationData {
  PanelVisits: {
    account: {
      id: string;
      upcoming: { edges: { node: PanelVisitData }[] };
      recent: { edges: { node: PanelVisitData }[] };
      actionItems: ActionItemData[];
    } | null;
  };
  PanelAddVisitNotes: { addVisitNotes: { note: { id: string }; flags: NotesFlag[] } };
  PanelUpdateActionItem: { updateActionItem: { actionItem: { id: string; status: ActionItemStatus; completedAt: string | null } } };
  PopupTodaysVisits: { visits: { edges: { node: PopupVisitData }[] } };
}
