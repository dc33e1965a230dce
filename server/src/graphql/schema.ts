import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import { installPlanCache } from './plan-cache.js';
import './scalars.js';
import './types/enums.js';
import './types/user.js';
import './types/contact.js';
import './types/signal.js';
import './types/note.js';
import './types/alert.js';
import './types/credit-status.js';
import './types/account.js';
import './types/account-queries.js';
import './types/account-mutations.js';
import './types/signal-mutations.js';
import './types/auth.js';
import './types/adapter-health.js';
import './types/ledger.js';
import './types/ledger-warnings.js';
import './types/dispute.js';
import './types/customer-card.js';
import './types/subscriptions.js';
import './types/webhooks.js';
import './types/watch.js';
import './types/intel-request.js';
import './types/intel-request-mutations.js';
import './types/security-alert.js';
import './types/admin.js';
import './types/health-check.js';
import './types/review-intel-links.js';
import './types/visit.js';
import './types/visit-mutations.js';
import './types/action-item.js';
import './types/distribution-list.js';

// Pothos's selection → Prisma query plans, kept per document and per what they read of the viewer (plan-cache.ts).
installPlanCache();

export const schema = lexicographicSortSchema(builder.toSchema());
