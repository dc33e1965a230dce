import { HEALTH_CHECK_OUTCOMES, type HealthCheckOutcome, SALES_VIEW_LABEL, SALES_VIEWS, type SalesView } from '@earshot/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CreditReportData, HealthCheckDetail } from '@/lib/workspace-types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { FIGURES, formatDays } from '@/ui/format/figures';
import { formatMoney } from '@/ui/format/money';
import { riskLabel } from '@/ui/format/risk';
import { describeFailure, failureField, runOp } from '../op';
import { Empty, Failure, formatDay, formatMonth, Loading, ViewHeading } from '../parts';
import { href } from '../route';
import type { Abilities } from '../session';
import { useQuery } from '../use-query';
import { CheckCard, Confirm, Recorded } from './review/CheckCard';
import { RecordReportForm } from './review/RecordReportForm';
import { OUTCOME_LABEL, STATUS_LABEL } from './review-labels';
import { nameFor } from '@/ui/format/people';
import { useViewer } from '@/ui/hooks/viewer';

function isHealthCheck(node: unknown): node is HealthCheckDetail {
  return typeof node === 'object' && node !== null && 'checks' in node;
}

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** One health-check review (seed 002): the four checks with their evidence, the account manager's view, the outcome. */
export function Review({ can, id }: { can: Abilities; id: string }) {
  const query = useQuery(async () => {
    const node = (await runOp('WorkspaceHealthCheck', { id })).node;
    return isHealthCheck(node) ? node : null;
  }, id);

  const title = query.phase === 'ready' && query.data ? `Review · ${query.data.account.name}` : 'Review';
  return (
    <section class="view" aria-labelledby="review-title">
      <ViewHeading>
        <span id="review-title">{title}</span>
      </ViewHeading>
      {query.phase === 'loading' ? <Loading what="the review" /> : null}
      {query.phase === 'failed' ? <Failure error={query.error} onRetry={query.reload} title="Could not load the review" /> : null}
      {query.phase === 'ready' && !query.data ? (
        <Empty title="No such review" actions={<a href={href.reviews()}>Back to the reviews</a>}>
          <p>This review does not exist, or you cannot see it.</p>
        </Empty>
      ) : null}
      {query.phase === 'ready' && query.data ? <ReviewBody review={query.data} can={can} reload={query.reload} /> : null}
    </section>
  );
}

function ReviewBody({ review, can, reload }: { review: HealthCheckDetail; can: Abilities; reload: () => void }) {
  const viewer = useViewer();
  const level = review.account.creditStatus?.riskLevel;
  const editable = can.credit && can.write && review.status === 'IN_PROGRESS';
  const [completed, setCompleted] = useState(false);
  return (
    <>
      <p class="review__meta" data-testid="review-meta" data-status={review.status}>
        <span class="tag">{STATUS_LABEL[review.status]}</span> <a href={href.account(review.account.id)}>{review.account.name}</a>
        {level ? ` · ${riskLabel(level)}` : ''} · due {formatDay(review.dueOn)}
        {review.plannedMonth ? ` · planned for ${formatMonth(review.plannedMonth)}` : ''}
        {review.reviewer ? ` · reviewer ${nameFor(review.reviewer, viewer)}` : ''}
      </p>
      {review.status === 'PLANNED' && can.credit && can.write ? <StartPanel review={review} onStarted={reload} /> : null}
      {editable ? (
        <CompleteForm
          review={review}
          onChanged={reload}
          onCompleted={() => {
            setCompleted(true);
            reload();
          }}
        />
      ) : (
        <ReadOnlyReview review={review} focusOutcome={completed} />
      )}
    </>
  );
}

function StartPanel({ review, onStarted }: { review: HealthCheckDetail; onStarted: () => void }) {
  const [ask, setAsk] = useState(review.account.accountManager != null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await runOp('WorkspaceStartHealthCheck', { input: { healthCheckId: review.id, askSalesView: ask } }, review.account.id);
      onStarted();
    } catch (error) {
      setProblem(describeFailure(error));
      setBusy(false);
    }
  };
  return (
    <div class="banner banner--info">
      <div>
        <p>This review is planned. Starting it records today's credit score as the “before” figure.</p>
        <label>
          <input type="checkbox" checked={ask} onChange={(e) => setAsk(e.currentTarget.checked)} disabled={!review.account.accountManager} /> Ask{' '}
          {review.account.accountManager?.name ?? 'the account manager (none set)'} for their view
        </label>
        {problem ? (
          <p class="form-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      <button type="button" class="button button--primary" disabled={busy} onClick={() => void start()} data-testid="start-review">
        {busy ? 'Starting…' : 'Start review'}
      </button>
    </div>
  );
}

function ReportLine({ label, report }: { label: string; report: CreditReportData | null }) {
  return (
    <div class="kv">
      <dt>{label}</dt>
      <dd>
        {report ? (
          <>
            {report.source}: score <strong>{report.score}</strong>
            {report.rating ? `, rating ${report.rating}` : ''} · {formatDay(report.reportedAt)}
          </>
        ) : (
          <span class="muted">None on file</span>
        )}
      </dd>
    </div>
  );
}

/** The evidence of the four checks (shared by the form and the read-only view). */
function Evidence({ review, part }: { review: HealthCheckDetail; part: 'credit' | 'bank' | 'purchases' | 'payment' }) {
  const { checks } = review;
  if (part === 'credit') {
    const c = checks.creditReport;
    // Credit reports are ledger figures: null for SALES and VIEWER, who are told so in words.
    if (!c.latest && !c.previous && c.scoreBefore == null && c.scoreAfter == null) {
      return <p class="muted">{c.updatedDuringReview ? 'A new report was recorded during this review.' : 'No credit report on file, or reports are for the credit team only.'}</p>;
    }
    return (
      <>
        <dl class="kvs">
          <ReportLine label="Latest" report={c.latest} />
          <ReportLine label="Previous" report={c.previous} />
          {c.scoreBefore != null || c.scoreAfter != null ? (
            <div class="kv">
              <dt>Score</dt>
              <dd data-testid="score-change">
                {c.scoreBefore ?? '—'} when the review started → {c.scoreAfter ?? '—'} now
              </dd>
            </div>
          ) : null}
        </dl>
        <p class="muted">{c.updatedDuringReview ? 'Updated during this review.' : 'Not updated during this review yet.'}</p>
      </>
    );
  }
  if (part === 'bank') {
    const b = checks.bankDetails;
    return (
      <p data-testid="bank-evidence">
        {b.changedSinceLastReview ? (
          <>
            <strong>Changed</strong> since the last review: {b.changes} recording{b.changes === 1 ? '' : 's'}
            {b.lastChangeAt ? (
              <>
                , the latest <RelativeTime iso={b.lastChangeAt} withDate />
              </>
            ) : null}
            .
          </>
        ) : (
          <>No change recorded since the last review.</>
        )}
      </p>
    );
  }
  if (part === 'purchases') {
    const p = checks.purchases;
    return (
      <>
        <p data-testid="purchases-summary">{p.summary}</p>
        {p.months.length ? (
          <table class="grid grid--compact" data-testid="purchase-months">
            <caption class="visually-hidden">Invoiced per month</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" class="grid__num">
                  Invoiced
                </th>
              </tr>
            </thead>
            <tbody>
              {p.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{formatMonth(m.month)}</th>
                  <td class="grid__num">{formatMoney(m.invoiced, p.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {p.anticipatedMonthly != null || p.averageMonthly != null ? (
          <dl class="kvs">
            <div class="kv">
              <dt>Anticipated per month</dt>
              <dd>{p.anticipatedMonthly != null ? formatMoney(p.anticipatedMonthly, p.currency) : 'No plan recorded'}</dd>
            </div>
            {p.averageMonthly != null ? (
              <div class="kv">
                <dt>Average of these months</dt>
                <dd>{formatMoney(p.averageMonthly, p.currency)}</dd>
              </div>
            ) : null}
            {p.ratio != null ? (
              <div class="kv">
                <dt>Actual ÷ anticipated</dt>
                <dd>{Math.round(p.ratio * 100)}%</dd>
              </div>
            ) : null}
          </dl>
        ) : null}
      </>
    );
  }
  const pp = checks.paymentPattern;
  return (
    <>
      <p data-testid="payment-summary">{pp.summary}</p>
      {pp.recentAvgDaysToPay != null || pp.priorAvgDaysToPay != null ? (
        <dl class="kvs">
          <div class="kv" data-testid="pattern-recent">
            <dt>ADP (average days to pay), latest 3 months with payments</dt>
            <dd>{pp.recentAvgDaysToPay != null ? formatDays(Math.round(pp.recentAvgDaysToPay)) : '—'}</dd>
          </div>
          <div class="kv" data-testid="pattern-prior">
            <dt>ADP, up to 6 months before them</dt>
            <dd>{pp.priorAvgDaysToPay != null ? formatDays(Math.round(pp.priorAvgDaysToPay)) : '—'}</dd>
          </div>
          <div class="kv">
            <dt>Terms</dt>
            <dd>{review.account.paymentTermsDays} days</dd>
          </div>
        </dl>
      ) : null}
      {pp.recentAvgDaysToPay != null || pp.priorAvgDaysToPay != null ? (
        <details class="figure-help" data-testid="pattern-help">
          <summary>What these figures mean</summary>
          <p>
            {FIGURES.ADP.name}: {FIGURES.ADP.explain} Here it is the average of the months’ ADP; an invoice still open after its due date
            counts in the latest months at its days outstanding so far, so a customer who stops paying does not look punctual.
          </p>
        </details>
      ) : null}
    </>
  );
}

function SalesViewEvidence({ review }: { review: HealthCheckDetail }) {
  const viewer = useViewer();
  if (review.salesView) {
    return (
      <p data-testid="sales-view">
        <strong>{SALES_VIEW_LABEL[review.salesView]}</strong>
        {review.salesComment ? ` — “${review.salesComment}”` : ''}
        <span class="muted">
          {review.salesViewBy ? ` · ${nameFor(review.salesViewBy, viewer)}` : ''}
          {review.salesViewAt ? (
            <>
              {' '}
              <RelativeTime iso={review.salesViewAt} withDate />
            </>
          ) : null}
        </span>
      </p>
    );
  }
  const request = review.salesViewRequest;
  if (request && request.status === 'OPEN') {
    return (
      <p data-testid="sales-view">
        Asked {nameFor(request.assignedTo, viewer, { fallback: 'the account manager' })} <RelativeTime iso={request.createdAt} withDate />, not answered yet
        {request.overdue ? <span class="tag tag--hold">Overdue</span> : null}.
      </p>
    );
  }
  if (request) {
    return <p data-testid="sales-view">Asked {nameFor(request.assignedTo, viewer, { fallback: 'the account manager' })}: the request was {request.status.toLowerCase()} without a view.</p>;
  }
  return <p data-testid="sales-view">The account manager was not asked.</p>;
}

function ReadOnlyReview({ review, focusOutcome }: { review: HealthCheckDetail; focusOutcome: boolean }) {
  const viewer = useViewer();
  const { checks } = review;
  const done = review.status === 'DONE';
  const outcome = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOutcome) outcome.current?.focus();
  }, [focusOutcome, done]);
  return (
    <div class="review">
      <CheckCard number={1} title="Credit report updated" testId="check-credit-report" verdict={done ? <Recorded value={checks.creditReport.checked} yes="Checked" no="Not checked" note={checks.creditReport.note} /> : null}>
        <Evidence review={review} part="credit" />
      </CheckCard>
      <CheckCard number={2} title="Bank details unchanged" testId="check-bank-details" verdict={done ? <Recorded value={checks.bankDetails.unchanged} yes="Unchanged" no="Changed" note={checks.bankDetails.note} /> : null}>
        <Evidence review={review} part="bank" />
      </CheckCard>
      <CheckCard number={3} title="Purchases against plan" testId="check-purchases" verdict={done && checks.purchases.note ? <p class="check__recorded">{checks.purchases.note}</p> : null}>
        <Evidence review={review} part="purchases" />
      </CheckCard>
      <CheckCard number={4} title="Payment pattern consistent" testId="check-payment-pattern" verdict={done ? <Recorded value={checks.paymentPattern.confirmed} yes="Consistent" no="Not consistent" note={checks.paymentPattern.note} /> : null}>
        <Evidence review={review} part="payment" />
      </CheckCard>
      <section class="check" aria-labelledby="am-view-title">
        <h2 id="am-view-title" class="check__title">
          The account manager's view
        </h2>
        <SalesViewEvidence review={review} />
      </section>
      {done ? (
        <section class="check" aria-labelledby="outcome-title" data-testid="review-outcome">
          <h2 id="outcome-title" class="check__title" tabIndex={-1} ref={outcome}>
            Outcome: completed
          </h2>
          <p>
            <strong>{review.outcome ? OUTCOME_LABEL[review.outcome] : '—'}</strong>
            {review.outcomeNote ? ` — ${review.outcomeNote}` : ''}
          </p>
          {review.newCreditLimit != null ? <p>New credit limit: {formatMoney(review.newCreditLimit, review.account.currency)}</p> : null}
          {review.putOnHold ? <p>Put on hold{review.holdReason ? `: ${review.holdReason}` : ''}</p> : null}
          <p class="muted">
            Completed {review.completedAt ? formatDay(review.completedAt) : ''}
            {review.completedBy ? ` by ${nameFor(review.completedBy, viewer)}` : ''}
            {review.nextReviewAt ? ` · next review ${formatDay(review.nextReviewAt)}` : ''}
          </p>
        </section>
      ) : null}
    </div>
  );
}

const DECIMAL = /^\d{1,13}(\.\d{1,2})?$/;

function CompleteForm({ review, onChanged, onCompleted }: { review: HealthCheckDetail; onChanged: () => void; onCompleted: () => void }) {
  const { checks } = review;
  const [recording, setRecording] = useState(false);
  const recordButton = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  const closeRecording = () => {
    setRecording(false);
    setReturnFocus(true);
  };
  useEffect(() => {
    // The form that had the focus is gone: back to the button that opened it.
    if (!returnFocus) return;
    recordButton.current?.focus();
    setReturnFocus(false);
  }, [returnFocus]);
  const [creditChecked, setCreditChecked] = useState(checks.creditReport.updatedDuringReview);
  const [creditNote, setCreditNote] = useState('');
  const [bankUnchanged, setBankUnchanged] = useState(!checks.bankDetails.changedSinceLastReview);
  const [bankNote, setBankNote] = useState('');
  const [purchasesNote, setPurchasesNote] = useState('');
  const [paymentConsistent, setPaymentConsistent] = useState(checks.paymentPattern.consistent === true);
  const [paymentNote, setPaymentNote] = useState('');
  const [salesView, setSalesView] = useState<SalesView | ''>('');
  const [salesComment, setSalesComment] = useState('');
  const [outcome, setOutcome] = useState<HealthCheckOutcome | ''>('');
  const [outcomeNote, setOutcomeNote] = useState('');
  const [newLimit, setNewLimit] = useState('');
  const [hold, setHold] = useState(false);
  const [holdReason, setHoldReason] = useState('');
  const [nextReview, setNextReview] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const limit = newLimit.replace(/[\s,]/g, '');
    if (!outcome) return setProblem({ field: 'outcome', message: 'Choose an outcome.' });
    if (limit && !DECIMAL.test(limit)) return setProblem({ field: 'newCreditLimit', message: 'The new credit limit is an amount like 25000 or 25000.50.' });
    if (hold && !holdReason.trim()) return setProblem({ field: 'holdReason', message: 'Say why the account goes on hold.' });
    setBusy(true);
    setProblem(null);
    const text = (value: string) => (value.trim() ? value.trim() : undefined);
    try {
      await runOp(
        'WorkspaceCompleteHealthCheck',
        {
          input: {
            healthCheckId: review.id,
            creditReportChecked: creditChecked,
            creditReportNote: text(creditNote),
            bankDetailsUnchanged: bankUnchanged,
            bankDetailsNote: text(bankNote),
            purchasesNote: text(purchasesNote),
            paymentPatternConsistent: paymentConsistent,
            paymentPatternNote: text(paymentNote),
            ...(salesView ? { salesView, salesComment: text(salesComment) } : {}),
            outcome,
            outcomeNote: text(outcomeNote),
            ...(limit ? { newCreditLimit: limit } : {}),
            ...(hold ? { putOnHold: true, holdReason: holdReason.trim() } : {}),
            ...(nextReview ? { nextReviewAt: `${nextReview}T12:00:00.000Z` } : {}),
          },
        },
        review.account.id,
      );
      onCompleted();
    } catch (error) {
      const field = failureField(error);
      setProblem({ field: field && PLACED_FIELDS.has(field) ? field : null, message: describeFailure(error) });
      setBusy(false);
    }
  };

  return (
    <form class="review" onSubmit={(e) => void submit(e)} aria-label="Complete the review" data-testid="complete-form">
      <CheckCard
        number={1}
        title="Credit report updated"
        testId="check-credit-report"
        verdict={
          <Confirm label="Credit report checked" name="creditReport" checked={creditChecked} onChange={setCreditChecked} note={creditNote} onNote={setCreditNote} />
        }
      >
        <Evidence review={review} part="credit" />
        {recording ? (
          <RecordReportForm
            accountId={review.account.id}
            today={localDay(new Date())}
            onCancel={closeRecording}
            onRecorded={() => {
              closeRecording();
              setCreditChecked(true);
              onChanged();
            }}
          />
        ) : (
          <button type="button" class="button button--small" ref={recordButton} onClick={() => setRecording(true)} data-testid="record-report-open">
            Record a new report
          </button>
        )}
      </CheckCard>
      <CheckCard
        number={2}
        title="Bank details unchanged"
        testId="check-bank-details"
        verdict={
          <Confirm
            label="Bank details unchanged"
            name="bankDetails"
            checked={bankUnchanged}
            onChange={setBankUnchanged}
            note={bankNote}
            onNote={setBankNote}
            suggestion={checks.bankDetails.changedSinceLastReview ? 'Changes were recorded: confirm them with the customer before ticking.' : undefined}
          />
        }
      >
        <Evidence review={review} part="bank" />
      </CheckCard>
      <CheckCard
        number={3}
        title="Purchases against plan"
        testId="check-purchases"
        verdict={
          <label class="field">
            <span class="field__label">Note</span>
            <input class="field__input" name="purchasesNote" value={purchasesNote} maxLength={2000} onInput={(e) => setPurchasesNote(e.currentTarget.value)} />
          </label>
        }
      >
        <Evidence review={review} part="purchases" />
      </CheckCard>
      <CheckCard
        number={4}
        title="Payment pattern consistent"
        testId="check-payment-pattern"
        verdict={
          <Confirm
            label="Payment pattern consistent"
            name="paymentPattern"
            checked={paymentConsistent}
            onChange={setPaymentConsistent}
            note={paymentNote}
            onNote={setPaymentNote}
            suggestion={checks.paymentPattern.consistent == null ? 'Not enough payment history to suggest an answer.' : undefined}
          />
        }
      >
        <Evidence review={review} part="payment" />
      </CheckCard>

      <section class="check" aria-labelledby="am-view-title">
        <h2 id="am-view-title" class="check__title">
          The account manager's view
        </h2>
        <SalesViewEvidence review={review} />
        {review.salesView ? null : (
          <fieldset class="subform">
            <legend class="field__label">If they told you another way</legend>
            <div class="choice-row">
              {SALES_VIEWS.map((v) => (
                <label key={v} class="choice">
                  <input type="radio" name="salesView" value={v} checked={salesView === v} onChange={() => setSalesView(v)} /> {SALES_VIEW_LABEL[v]}
                </label>
              ))}
              {salesView ? (
                <button type="button" class="button button--quiet button--small" onClick={() => setSalesView('')}>
                  Clear
                </button>
              ) : null}
            </div>
            {salesView ? (
              <label class="field">
                <span class="field__label">Their comment</span>
                <input class="field__input" value={salesComment} maxLength={2000} onInput={(e) => setSalesComment(e.currentTarget.value)} />
              </label>
            ) : null}
          </fieldset>
        )}
      </section>

      <section class="check" aria-labelledby="outcome-title">
        <h2 id="outcome-title" class="check__title">
          Outcome
        </h2>
        <fieldset aria-invalid={problem?.field === 'outcome'}>
          <legend class="field__label">Outcome</legend>
          <div class="choice-row">
            {HEALTH_CHECK_OUTCOMES.map((o) => (
              <label key={o} class="choice">
                <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} data-testid={`outcome-${o}`} /> {OUTCOME_LABEL[o]}
              </label>
            ))}
          </div>
        </fieldset>
        <FieldError problem={problem} field="outcome" />
        <label class="field">
          <span class="field__label">Outcome note</span>
          <textarea
            class="field__input"
            name="outcomeNote"
            rows={2}
            maxLength={2000}
            value={outcomeNote}
            aria-invalid={problem?.field === 'outcomeNote'}
            onInput={(e) => setOutcomeNote(e.currentTarget.value)}
          />
        </label>
        <FieldError problem={problem} field="outcomeNote" />
        <div class="subform__row">
          <label class="field">
            <span class="field__label">New credit limit ({review.account.currency}, optional)</span>
            <input
              class="field__input"
              name="newCreditLimit"
              inputMode="decimal"
              value={newLimit}
              aria-invalid={problem?.field === 'newCreditLimit'}
              placeholder={review.account.creditLimit != null ? `now ${formatMoney(review.account.creditLimit, review.account.currency)}` : ''}
              onInput={(e) => setNewLimit(e.currentTarget.value)}
            />
          </label>
          <FieldError problem={problem} field="newCreditLimit" />
          <div class="field">
            <label for="review-next">
              <span class="field__label">Next review (optional)</span>
            </label>
            <input
              id="review-next"
              class="field__input"
              name="nextReviewAt"
              type="date"
              value={nextReview}
              aria-invalid={problem?.field === 'nextReviewAt'}
              aria-describedby="review-next-hint"
              onInput={(e) => setNextReview(e.currentTarget.value)}
            />
            <span id="review-next-hint" class="muted">
              Left empty: the policy interval for the account's risk level.
            </span>
            <FieldError problem={problem} field="nextReviewAt" />
          </div>
        </div>
        {review.account.onHold ? (
          <p class="muted">The account is on hold already.</p>
        ) : (
          <>
            <label class="confirm__box">
              <input type="checkbox" name="putOnHold" checked={hold} onChange={(e) => setHold(e.currentTarget.checked)} /> Put the account on hold
            </label>
            {hold ? (
              <label class="field">
                <span class="field__label">Why</span>
                <input class="field__input" name="holdReason" value={holdReason} aria-invalid={problem?.field === 'holdReason'} maxLength={500} onInput={(e) => setHoldReason(e.currentTarget.value)} />
              </label>
            ) : null}
            <FieldError problem={problem} field="holdReason" />
          </>
        )}
      </section>
      <FieldError problem={problem} field={null} />
      <div class="subform__actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid="complete-review">
          {busy ? 'Completing…' : 'Complete review'}
        </button>
      </div>
    </form>
  );
}

/** The fields the complete form shows a refusal beside; a refusal naming another field shows under the form. */
const PLACED_FIELDS = new Set(['outcome', 'outcomeNote', 'newCreditLimit', 'nextReviewAt', 'holdReason']);

/**
 * The refusal, beside the field it names (or under the form): an alert, and focused (tabindex -1) so a keyboard
 * user lands on what went wrong, next to what to fix.
 */
function FieldError({ problem, field }: { problem: { field: string | null; message: string } | null; field: string | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const shown = problem && problem.field === field ? problem : null;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <p class="form-error" role="alert" tabIndex={-1} ref={ref} data-testid="complete-error" data-field={field ?? undefined}>
      {shown.message}
    </p>
  );
}
