import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
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
import './types/watch.js';

export const schema = lexicographicSortSchema(builder.toSchema());
