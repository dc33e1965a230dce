/**
 * The visit briefing folder (seed 004), for screen and print: the frozen snapshot the server prepared, CREDIT or
 * SALES copy. A section the copy leaves out is not rendered; the header says in words what was left out. Empty
 * sections say so in words. The print stylesheet (ui/styles/briefing.css) is imported here so every page that
 * shows the folder prints it cleanly on A4 and Letter.
 */
import '../styles/briefing.css';
import { type Briefing, RISK_LEVEL_LABEL, VISIT_STATUS_LABEL } from '@earshot/shared';
import { SOURCE_LABEL, VISIBILITY_LABEL } from '../format/labels';
import { severityLabel } from '../format/risk';
import { briefingDay, briefingDayTime } from './briefing-format';
import { BankChangesPart, CreditReportsPart, InvoicesPart, LedgerPart, PaymentTrendPart } from './briefing-figures';
import { ActionItems, Contacts, Facts, Part, preferences, Table } from './briefing-parts';

const OUTCOME_WORDS = { OK: 'All fine', FOLLOW_UP: 'Follow up', ESCALATE: 'Escalated' } as const;
const REVIEW_STATUS_WORDS = { PLANNED: 'Planned', IN_PROGRESS: 'In progress', DONE: 'Done', CANCELLED: 'Cancelled' } as const;

function Header({ b }: { b: Briefing }) {
  return (
    <header class="briefing__head">
      <p class="briefing__kicker">Visit briefing · {b.audience === 'SALES' ? 'Sales copy' : 'Credit copy'}</p>
      <h1>{b.account.name}</h1>
      <p class="briefing__meta">
        {b.visit.purposeLabel} · {briefingDayTime(b.visit.scheduledAt)}
        {b.visit.place ? ` · ${b.visit.place}` : ''}
      </p>
      <p class="briefing__muted">
        Prepared {briefingDayTime(b.preparedAt)}
        {b.preparedBy ? ` by ${b.preparedBy}` : ''}: the credit file as it stood then.
      </p>
      {b.omitted.length > 0 ? <p class="briefing__omitted">Left out of this copy: {b.omitted.join('; ')}.</p> : null}
    </header>
  );
}

function VisitPart({ b }: { b: Briefing }) {
  const v = b.visit;
  return (
    <Part title="The visit" empty="" isEmpty={false}>
      <Facts
        rows={[
          ['Purpose', v.purposeLabel],
          ['When', briefingDayTime(v.scheduledAt)],
          ['Where', v.place],
          ['Status', VISIT_STATUS_LABEL[v.status]],
          ['Organizer', v.organizer],
          ['Our people', v.attendees.map((a) => a.name).join(', ') || 'No attendees yet'],
        ]}
      />
      <h3 class="briefing__sub">Goals</h3>
      {v.goals.length ? (
        <ul class="briefing__list">
          {v.goals.map((g) => (
            <li key={g}>{g}</li>
          ))}
        </ul>
      ) : (
        <p class="briefing__empty">No goals written down.</p>
      )}
      <h3 class="briefing__sub">Whom we meet</h3>
      {v.contacts.length ? <Contacts contacts={v.contacts} /> : <p class="briefing__empty">No contacts chosen for this visit.</p>}
      <h3 class="briefing__sub">Questions to ask</h3>
      {v.questions.length ? (
        <ul class="briefing__questions">
          {v.questions.map((q) => (
            <li key={q.text}>
              <span aria-hidden="true">{q.asked ? '☑' : '☐'}</span> {q.text}
              {q.answer ? <div class="briefing__muted">Answer: {q.answer}</div> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="briefing__empty">No questions prepared.</p>
      )}
    </Part>
  );
}

function AccountPart({ b }: { b: Briefing }) {
  const a = b.account;
  return (
    <Part title="The account" empty="" isEmpty={false}>
      <Facts
        rows={[
          ['Industry', a.industry],
          ['Country', a.country],
          ['Website', a.website],
          ['Key account', a.keyAccount ? 'Yes' : 'No'],
          ['Account manager', a.accountManager],
          ['Credit owner', a.creditOwner],
          ['Payment terms', `${a.paymentTermsDays} days`],
          ['Last contact', a.lastContactAt ? briefingDay(a.lastContactAt) : 'No contact recorded'],
          ['How they like to be reached', preferences(a)],
          ['Credit hold', a.onHold ? `On hold${a.holdReason ? `: ${a.holdReason}` : ''}` : 'Not on hold'],
        ]}
      />
      <h3 class="briefing__sub">Why they buy from us</h3>
      {a.whyTheyBuy.length ? (
        <ol class="briefing__list">
          {a.whyTheyBuy.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ol>
      ) : (
        <p class="briefing__empty">Not recorded yet.</p>
      )}
      <Facts
        rows={[
          ['Our value to them', a.ourValue ?? 'Not recorded yet'],
          ['Their alternatives', a.alternatives ?? 'Not recorded yet'],
        ]}
      />
      <h3 class="briefing__sub">Credit’s actions</h3>
      {a.creditActions.length ? (
        <ul class="briefing__list">
          {a.creditActions.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      ) : (
        <p class="briefing__empty">No credit action under way.</p>
      )}
    </Part>
  );
}

function StatusPart({ b }: { b: Briefing }) {
  const s = b.status;
  return (
    <Part title="Credit status" empty="" isEmpty={false}>
      <p class="briefing__summary">{s.summary}</p>
      <Facts
        rows={[
          ['Risk level', s.riskLevel ? RISK_LEVEL_LABEL[s.riskLevel] : s.riskLevelLabel],
          ...(s.riskScore !== null ? [['Risk score (0 safe – 100)', String(s.riskScore)] as [string, string]] : []),
          ['Payment trend', s.trendLabel],
          ['Payment pattern', s.paymentPattern],
          ['Assessed', s.computedAt ? briefingDayTime(s.computedAt) : 'Not yet'],
        ]}
      />
      <h3 class="briefing__sub">Reasons</h3>
      {s.reasons.length ? (
        <ul class="briefing__list">
          {s.reasons.map((r) => (
            <li key={r.code}>
              <strong>{r.label}</strong>
              {r.weight !== null ? ` (${r.weight} points)` : ''}
              {r.detail ? `: ${r.detail}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p class="briefing__empty">No reason weighs on the status.</p>
      )}
    </Part>
  );
}

function DisputesPart({ b }: { b: Briefing }) {
  const d = b.disputes;
  return (
    <Part title="Disputes" empty="No disputes on file." isEmpty={d.items.length === 0} count={{ shown: d.items.length, total: d.total }}>
      <ul class="briefing__list">
        {d.items.map((x) => (
          <li key={`${x.openedAt}-${x.reason}`}>
            <strong>{x.summary}</strong>
            {x.amount !== null ? ` · ${x.currency} ${x.amount}` : ''}
            {x.invoiceNumbers?.length ? ` · invoices ${x.invoiceNumbers.join(', ')}` : ''}
            <div>{x.reason}</div>
            {x.expectedBy ? <div class="briefing__muted">Expected by {briefingDay(x.expectedBy)}</div> : null}
          </li>
        ))}
      </ul>
    </Part>
  );
}

function SignalsPart({ b }: { b: Briefing }) {
  const s = b.signals;
  return (
    <Part title="Recent signals" empty="No signals recorded." isEmpty={s.items.length === 0} count={{ shown: s.items.length, total: s.total }}>
      <Table
        caption="Signals, newest first"
        rows={s.items}
        columns={[
          { head: 'Observed', cell: (x) => briefingDay(x.observedAt) },
          { head: 'Signal', cell: (x) => <strong>{x.label}</strong> },
          { head: 'Severity', cell: (x) => severityLabel(x.severity) },
          { head: 'From', cell: (x) => [x.author, SOURCE_LABEL[x.source as keyof typeof SOURCE_LABEL] ?? x.source].filter(Boolean).join(', ') },
          { head: 'Note', cell: (x) => x.note ?? '' },
        ]}
      />
    </Part>
  );
}

function NotesPart({ b }: { b: Briefing }) {
  const n = b.notes;
  return (
    <Part title="Recent notes" empty="No notes written." isEmpty={n.items.length === 0} count={{ shown: n.items.length, total: n.total }}>
      <ul class="briefing__list">
        {n.items.map((x) => (
          <li key={`${x.createdAt}-${x.body}`}>
            <span class="briefing__muted">
              {briefingDay(x.createdAt)}
              {x.author ? `, ${x.author}` : ''}
              {b.audience === 'CREDIT' ? ` · ${VISIBILITY_LABEL[x.visibility]}` : ''}
            </span>
            <div class="briefing__note">{x.body}</div>
          </li>
        ))}
      </ul>
    </Part>
  );
}

function PastVisitsPart({ b }: { b: Briefing }) {
  const p = b.pastVisits;
  return (
    <Part title="Past visits" empty="No earlier visits." isEmpty={p.items.length === 0} count={{ shown: p.items.length, total: p.total }}>
      {p.items.map((v) => (
        <div class="briefing__visit" key={v.scheduledAt}>
          <h3 class="briefing__sub">
            {v.purposeLabel} · {briefingDay(v.heldAt ?? v.scheduledAt)} · {VISIT_STATUS_LABEL[v.status]}
            {v.place ? ` · ${v.place}` : ''}
          </h3>
          {v.openActionItems.length ? <ActionItems items={v.openActionItems} /> : <p class="briefing__empty">No open action items from this visit.</p>}
        </div>
      ))}
    </Part>
  );
}

function FollowUpsPart({ b }: { b: Briefing }) {
  const { actionItems: a, intelRequests: i, reviews: r } = b;
  return (
    <>
      <Part title="Open action items" empty="No open action items." isEmpty={a.items.length === 0} count={{ shown: a.items.length, total: a.total }}>
        <ActionItems items={a.items} />
      </Part>
      <Part title="Open intel requests" empty="No open intel requests." isEmpty={i.items.length === 0} count={{ shown: i.items.length, total: i.total }}>
        <ul class="briefing__list">
          {i.items.map((x) => (
            <li key={x.createdAt}>
              <strong>
                Asked {briefingDay(x.createdAt)}
                {x.requestedBy ? ` by ${x.requestedBy}` : ''}
                {x.assignedTo ? ` of ${x.assignedTo}` : ''}
                {x.dueAt ? `, due ${briefingDay(x.dueAt)}` : ''}
              </strong>
              {x.message ? <div>{x.message}</div> : null}
              {x.questions.length ? <div class="briefing__muted">{x.questions.join(' · ')}</div> : null}
            </li>
          ))}
        </ul>
      </Part>
      <Part title="Reviews" empty="No health-check reviews." isEmpty={r.items.length === 0} count={{ shown: r.items.length, total: r.total }}>
        <Table
          caption="Health-check reviews"
          rows={r.items}
          columns={[
            { head: 'Status', cell: (x) => REVIEW_STATUS_WORDS[x.status] },
            { head: 'Due', cell: (x) => briefingDay(x.dueAt) },
            { head: 'Reviewer', cell: (x) => x.reviewer ?? '—' },
            { head: 'Completed', cell: (x) => (x.completedAt ? briefingDay(x.completedAt) : '—') },
            { head: 'Outcome', cell: (x) => (x.outcome ? OUTCOME_WORDS[x.outcome] : '—') },
          ]}
        />
      </Part>
    </>
  );
}

export function BriefingDocument({ briefing: b }: { briefing: Briefing }) {
  return (
    <article class="briefing" aria-label={`Visit briefing for ${b.account.name}`}>
      <Header b={b} />
      <VisitPart b={b} />
      <AccountPart b={b} />
      <StatusPart b={b} />
      {b.ledger ? <LedgerPart ledger={b.ledger} /> : null}
      {b.openInvoices ? <InvoicesPart invoices={b.openInvoices} /> : null}
      <DisputesPart b={b} />
      {b.paymentTrend ? <PaymentTrendPart trend={b.paymentTrend} /> : null}
      {b.creditReports ? <CreditReportsPart reports={b.creditReports} /> : null}
      {b.bankChanges ? <BankChangesPart changes={b.bankChanges} /> : null}
      <SignalsPart b={b} />
      <NotesPart b={b} />
      <PastVisitsPart b={b} />
      <FollowUpsPart b={b} />
      <Part title="All contacts" empty="No contacts recorded." isEmpty={b.account.contacts.length === 0}>
        <Contacts contacts={b.account.contacts} />
      </Part>
    </article>
  );
}
