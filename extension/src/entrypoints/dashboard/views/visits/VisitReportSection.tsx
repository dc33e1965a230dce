import { useEffect, useRef, useState } from 'preact/hooks';
import type { DistributionList, VisitDetail, VisitReport } from '@/lib/workspace-visit-types';
import { runOp } from '../../op';
import { Failure, Loading } from '../../parts';
import { useQuery } from '../../use-query';
import { ColleaguePicker, type Person } from './ColleaguePicker';
import { emailStatusText, formatWhen, type Problem, ProblemText, problemOf } from './visit-parts';
import { nameFor } from '@/ui/format/people';
import { useViewer } from '@/ui/hooks/viewer';

const MAX_RECIPIENTS = 50;

/** How many people a report reaches: its addresses and the members of its lists, each once. */
function reach(report: VisitReport, lists: DistributionList[]): number {
  const all = new Set(report.recipients.map((a) => a.toLowerCase()));
  for (const name of report.groups) for (const a of lists.find((l) => l.name === name)?.addresses ?? []) all.add(a.toLowerCase());
  return all.size;
}

/** While a report's e-mail is queued, the visit is read again this often, for this long at most. */
export const REPORT_POLL_MS = 5_000;
export const REPORT_POLL_FOR_MS = 120_000;

/** Reads the visit again every few seconds while a report's e-mail is QUEUED, so "Queued" turns into what became of it. */
function usePollWhileQueued(queued: boolean, reload: () => void) {
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    if (!queued) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started >= REPORT_POLL_FOR_MS) clearInterval(timer);
      else reloadRef.current();
    }, REPORT_POLL_MS);
    return () => clearInterval(timer);
  }, [queued]);
}

/**
 * The internal visit report (seed 004: "brief but informative", to executives, sales managers, customer service).
 * `readsReports`: the viewer is shown the reports (credit, the organizer and attendees); others are told who gets them.
 */
export function VisitReportSection({ visit, editable, readsReports, reload }: { visit: VisitDetail; editable: boolean; readsReports: boolean; reload: () => void }) {
  const viewer = useViewer();
  const lists = useQuery(async () => (await runOp('WorkspaceDistributionLists')).distributionLists, 'lists');
  const known = lists.phase === 'ready' ? lists.data : [];
  usePollWhileQueued(
    visit.reports.some((r) => r.emailStatus === 'QUEUED'),
    reload,
  );
  return (
    <section class="panel-card" aria-labelledby="visit-report" data-testid="visit-report">
      <h2 id="visit-report" class="panel-card__title">
        Visit report
      </h2>
      {visit.reports.length ? (
        <ul class="inbox" data-testid="past-reports">
          {visit.reports.map((r) => (
            <li key={r.id} class="inbox__item" data-testid="past-report" data-email-status={r.emailStatus}>
              <span>
                <strong>{r.subject}</strong>
              </span>
              <span class="muted">
                {formatWhen(r.createdAt)}
                {r.sentBy ? ` by ${nameFor(r.sentBy, viewer)}` : ''} · to {[...r.groups, ...r.recipients].join(', ') || 'nobody'}
              </span>
              <span data-testid="report-email-status">{emailStatusText(r, reach(r, known))}</span>
            </li>
          ))}
        </ul>
      ) : readsReports ? (
        <p class="muted">No report sent yet. Every report is kept in the account's credit file.</p>
      ) : (
        <p class="muted" data-testid="reports-hidden">
          Reports go to credit and the people on the visit.
        </p>
      )}
      {editable ? (
        lists.phase === 'loading' ? (
          <Loading what="the distribution lists" />
        ) : lists.phase === 'failed' ? (
          <Failure error={lists.error} onRetry={lists.reload} title="Could not load the distribution lists" />
        ) : (
          <SendReport visit={visit} lists={known} reload={reload} />
        )
      ) : null}
    </section>
  );
}

function SendReport({ visit, lists, reload }: { visit: VisitDetail; lists: DistributionList[]; reload: () => void }) {
  const people = [visit.organizer, ...visit.attendees].filter((p, i, all): p is NonNullable<typeof p> => !!p && all.findIndex((q) => q?.id === p.id) === i);
  const [decisions, setDecisions] = useState(visit.decisions ?? '');
  const [groups, setGroups] = useState<string[]>([]);
  const [picked, setPicked] = useState<Person[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sentReport, setSentReport] = useState<VisitReport | null>(null);
  // The report as last read (the visit is read again while its e-mail is queued), else as the server answered.
  const latest = sentReport ? (visit.reports.find((r) => r.id === sentReport.id) ?? sentReport) : null;
  const sent = latest ? emailStatusText(latest, reach(latest, lists)) : null;
  const sentRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (sentReport) sentRef.current?.focus();
  }, [sentReport]);
  const toggle = (all: string[], value: string, on: boolean) => (on ? [...all, value] : all.filter((x) => x !== value));

  const submit = async (e: Event) => {
    e.preventDefault();
    const recipients = [...new Set(picked.map((p) => p.email).filter((a): a is string => !!a))];
    if (!recipients.length && !groups.length) return setProblem({ field: 'recipients', message: 'Pick a list or a colleague to send the report to.' });
    if (recipients.length > MAX_RECIPIENTS) return setProblem({ field: 'recipients', message: `At most ${MAX_RECIPIENTS} addresses: use a distribution list for more.` });
    setBusy(true);
    setProblem(null);
    setSentReport(null);
    try {
      const report = (
        await runOp('WorkspaceSendReport', { input: { visitId: visit.id, recipients, groups, ...(decisions.trim() ? { decisions: decisions.trim() } : {}) } }, visit.account.id)
      ).sendVisitReport.report;
      setSentReport(report);
      reload();
    } catch (error) {
      setProblem(problemOf(error, ['recipients', 'groups', 'decisions']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="request-form" aria-label="Send the visit report" onSubmit={(e) => void submit(e)} data-testid="send-report-form">
      <label class="field">
        <span class="field__label">Decisions on terms (optional)</span>
        <textarea class="field__input" rows={3} maxLength={5000} value={decisions} aria-invalid={problem?.field === 'decisions'} onInput={(e) => setDecisions(e.currentTarget.value)} />
      </label>
      <ProblemText problem={problem} field="decisions" />
      <fieldset class="subform">
        <legend class="field__label">To</legend>
        {lists.length ? (
          lists.map((l) => (
            <label key={l.id} class="confirm__box">
              <input type="checkbox" checked={groups.includes(l.name)} onChange={(e) => setGroups((g) => toggle(g, l.name, e.currentTarget.checked))} data-testid="report-group" /> {l.name}
              <span class="muted">
                {l.description ? ` ${l.description} ·` : ''} {l.addresses.length} {l.addresses.length === 1 ? 'person' : 'people'}
              </span>
            </label>
          ))
        ) : (
          <p class="muted">No distribution list is set up (an admin adds them).</p>
        )}
        <ColleaguePicker
          searchLabel="Add a colleague to send it to"
          suggested={people.map((person) => ({ person }))}
          picked={picked}
          onChange={setPicked}
          testId="report-person"
        />
      </fieldset>
      <ProblemText problem={problem} field="recipients" />
      <ProblemText problem={problem} field="groups" />
      <ProblemText problem={problem} field={null} />
      <div class="subform__actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid="send-report">
          {busy ? 'Sending…' : 'Send visit report'}
        </button>
      </div>
      {sent ? (
        <p class="form-ok" role="status" tabIndex={-1} ref={sentRef} data-testid="report-sent">
          {sent}
        </p>
      ) : null}
    </form>
  );
}
