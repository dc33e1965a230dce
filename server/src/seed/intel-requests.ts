/**
 * Open intel requests for the demo (seed 000: credit asks the account manager), both to sales@ on customers they
 * manage, so the panel, the popup badge and the workspace have something to show: one on the slipping customer
 * with the negative field signals (reminded once, due in three days), one overdue on a steady customer.
 */
import type { IntelQuestion } from '@earshot/shared';
import { buildQuestions, type QuestionInput } from '../domain/intel-requests.js';
import type { AccountBase } from './accounts.js';
import type { DemoUserKey } from './people.js';
import type { StoryRoles } from './roles.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface IntelRequestPlan {
  accountExternalId: string;
  requestedBy: DemoUserKey;
  assignedTo: DemoUserKey;
  questions: IntelQuestion[];
  message: string;
  createdAt: Date;
  dueAt: Date;
  reminderCount: number;
  remindedAt: Date | null;
}

function questions(inputs: QuestionInput[]): IntelQuestion[] {
  const built = buildQuestions(inputs);
  if (!built.ok) throw new Error(`demo intel request: ${built.problem.field}: ${built.problem.message}`);
  return built.value;
}

export function intelRequests(accounts: readonly Pick<AccountBase, 'externalId' | 'accountManager'>[], roles: StoryRoles, today: number): IntelRequestPlan[] {
  const at = (day: number, hour = 9) => new Date((today + day) * DAY_MS + hour * HOUR_MS);
  const plans: IntelRequestPlan[] = [];
  const slipping = accounts.find((a) => a.externalId === roles.negativeCluster);
  if (slipping) {
    plans.push({
      accountExternalId: slipping.externalId,
      requestedBy: 'credit',
      assignedTo: slipping.accountManager,
      questions: questions([{ template: 'ACTIVITY' }, { template: 'KEY_PEOPLE_LEFT' }, { template: 'ORDER_DECLINE' }, { text: 'Who signs off their orders now?' }]),
      message: 'They have paid later each month since the summer. Anything you have noticed on your visits or calls?',
      createdAt: at(-4),
      dueAt: at(3, 17),
      reminderCount: 1,
      remindedAt: at(-1, 5),
    });
  }
  const steady = accounts.find((a) => a.accountManager === 'sales' && a.externalId !== roles.negativeCluster && a.externalId === roles.reviewOverdue) ??
    accounts.find((a) => a.accountManager === 'sales' && a.externalId !== roles.negativeCluster);
  if (steady) {
    plans.push({
      accountExternalId: steady.externalId,
      requestedBy: 'credit',
      assignedTo: steady.accountManager,
      questions: questions([{ template: 'PREMISES' }, { template: 'HIRING' }, { template: 'LET_GO' }]),
      message: 'Their yearly review is coming up: how do they look to you?',
      createdAt: at(-9),
      dueAt: at(-2, 17),
      reminderCount: 2,
      remindedAt: at(-3, 5),
    });
  }
  return plans;
}
