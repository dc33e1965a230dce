/**
 * Questions to prepare for a customer visit, per purpose (seed 004: "questions around their finances, any
 * compliance needs they need you to meet when invoicing them, future plans, etc. the questions you ask will
 * depend on the reason for the visit"). planVisit starts the visit's list from these; the user edits it, and
 * ticks questions off during the meeting. Keys are stable (stored with the question as `template`).
 */
import type { VisitPurpose } from './enums.js';

export interface VisitQuestionTemplate {
  key: string;
  text: string;
}

export const VISIT_QUESTION_TEMPLATES: Readonly<Record<VisitPurpose, readonly VisitQuestionTemplate[]>> = {
  INTRODUCTION: [
    { key: 'intro-business', text: 'How is the business doing this year, and what are the plans for the next?' },
    { key: 'intro-why-us', text: 'Why do you buy from us, and what would make you buy more?' },
    { key: 'intro-invoicing', text: 'What do you need on our invoices (purchase order numbers, references, compliance) to pay them on time?' },
    { key: 'intro-ap-process', text: 'Who approves and pays our invoices, and how long does an approval take?' },
    { key: 'intro-contact', text: 'Who should we call about an invoice question, and how do you prefer to be contacted?' },
  ],
  PROBLEM_SOLVING: [
    { key: 'problem-what', text: 'What exactly went wrong, from your side, and since when?' },
    { key: 'problem-impact', text: 'Which invoices or deliveries does it hold up?' },
    { key: 'problem-fix', text: 'What would put it right for you, and by when?' },
    { key: 'problem-contact', text: 'Who on your side should we work with until it is settled?' },
    { key: 'problem-prevent', text: 'What should we change so that it does not happen again?' },
  ],
  CREDIT_TERMS_REVIEW: [
    { key: 'terms-outlook', text: 'How do you see trading over the next twelve months (orders, margins, customers)?' },
    { key: 'terms-bank', text: 'What bank facilities do you have, and have they changed recently (limits, lenders, covenants)?' },
    { key: 'terms-investments', text: 'What investments are planned (premises, equipment, acquisitions), and how are they financed?' },
    { key: 'terms-accounts', text: 'Can you share your latest accounts or management figures?' },
    { key: 'terms-volumes', text: 'What volumes do you expect to buy from us, and what limit would that need?' },
    { key: 'terms-other-suppliers', text: 'How do your other suppliers’ terms compare (without naming them)?' },
  ],
  COLLECTION: [
    { key: 'collection-reason', text: 'What is holding up payment of the overdue invoices?' },
    { key: 'collection-disputed', text: 'Is any of the overdue amount disputed, and why?' },
    { key: 'collection-plan', text: 'When can you pay, and can we agree dates and amounts in writing?' },
    { key: 'collection-cash', text: 'How is your cash position, and is anything changing with your bank?' },
    { key: 'collection-future', text: 'How should we handle new orders until the account is back within terms?' },
  ],
};

/** A visit's question: from a template or written by the user; `asked` ticked during the meeting. */
export interface VisitQuestion {
  id: string;
  template: string | null;
  text: string;
  asked: boolean;
  answer: string | null;
}
