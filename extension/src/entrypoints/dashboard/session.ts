import type { Role } from '@earshot/shared';
import type { SessionUser } from '@/lib/messages';

/** What the signed-in user may do on the page; the server enforces the same rules on every operation. */
export interface Abilities {
  user: SessionUser;
  /** CREDIT and ADMIN: figures, reviews, intel requests to send, alerts to work. */
  credit: boolean;
  /** SALES: requests to answer, their own accounts. */
  sales: boolean;
  /** Anything but VIEWER may change something. */
  write: boolean;
}

export function abilitiesOf(user: SessionUser): Abilities {
  const role: Role = user.role;
  return { user, credit: role === 'CREDIT' || role === 'ADMIN', sales: role === 'SALES', write: role !== 'VIEWER' };
}
