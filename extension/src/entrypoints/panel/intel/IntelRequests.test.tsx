import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { Protocol } from '@/lib/messages';
import { creditUser, intelRequest, salesUser, salesViewRequest } from '@/ui/testing/fixtures';
import { answer, calls } from '@/ui/testing/mock-send';
import { buildAnswers, DONT_KNOW, emptyDrafts } from './answers';
import { IntelRequests } from './IntelRequests';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

type OpResult = Protocol['op/run']['res'];
const answered = (signals = 2): OpResult => ({
  ok: true,
  data: {
    answerIntelRequest: {
      intelRequest: { id: 'IR1', status: 'ANSWERED', answeredAt: '2026-05-20T10:00:00Z' },
      signals: Array.from({ length: signals }, (_, i) => ({ id: `S${i}`, type: 'QUIET', severity: 1, note: null })),
    },
  },
});

/** The `answers` of the first answer sent. */
const sentAnswers = () => (calls('op/run')[0]?.variables.input as { answers?: unknown } | undefined)?.answers;
const question = (n: number) => screen.getAllByRole('radiogroup')[n - 1] as HTMLElement;
const radio = (group: HTMLElement, name: string) => within(group).getByRole('radio', { name: new RegExp(name) }) as HTMLInputElement;

describe('Intel requests in the panel', () => {
  it('shows who asks, by when, and the message; answers in a few keystrokes and leaves with a spoken thank-you', async () => {
    answer({ 'op/run': () => answered(2) });
    render(<IntelRequests accountId="A1" requests={[intelRequest()]} user={salesUser} />);
    const card = screen.getByTestId('intel-request');
    expect(screen.getByRole('heading', { name: 'Credit asks you' })).toBeTruthy();
    expect(card.textContent).toMatch(/Carla Credit asked .* · due /);
    expect(card.textContent).toContain('Their payments slipped this quarter: what do you see?');
    expect(screen.getByRole('radiogroup', { name: '1. Are they quiet or busy?' })).toBeTruthy();

    // 2 = Quiet, focus moves on; 1 = Yes, focus moves to the free question; its answer, then Ctrl+Enter.
    radio(question(1), 'Busy').focus();
    fireEvent.keyDown(document.activeElement as Element, { key: '2' });
    expect(radio(question(1), 'Quiet').checked).toBe(true);
    expect(document.activeElement).toBe(radio(question(2), 'Yes'));
    fireEvent.keyDown(document.activeElement as Element, { key: '1' });
    expect(radio(question(2), 'Yes').checked).toBe(true);
    const free = document.activeElement as HTMLTextAreaElement;
    expect(free.closest('[data-question]')?.getAttribute('data-question')).toBe('q3');
    fireEvent.input(free, { target: { value: 'Dana, since March' } });
    fireEvent.keyDown(free, { key: 'Enter', ctrlKey: true });

    await waitFor(() => expect(screen.queryByTestId('intel-request')).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('Answers sent to Carla Credit: 2 signals added. Thank you.');
    const [sent] = calls('op/run');
    expect(sent).toEqual({
      operation: 'PanelAnswerIntelRequest',
      accountId: 'A1',
      variables: {
        input: {
          intelRequestId: 'IR1',
          idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
          answers: [
            { questionId: 'q1', choice: 'QUIET' },
            { questionId: 'q2', choice: 'YES' },
            { questionId: 'q3', note: 'Dana, since March' },
          ],
        },
      },
    });
  });

  it('Enter on a choice sends; an unanswered question is named and focused instead; “Don’t know” is a choice', async () => {
    answer({ 'op/run': () => answered(0) });
    render(<IntelRequests accountId="A1" requests={[intelRequest()]} user={salesUser} />);
    fireEvent.keyDown(radio(question(1), 'Busy'), { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toBe('Pick an answer for question 1, or choose “Don’t know”.');
    expect(calls('op/run')).toHaveLength(0);
    expect(document.activeElement).toBe(radio(question(1), 'Busy'));

    fireEvent.keyDown(radio(question(1), 'Busy'), { key: '4' }); // Busy, Quiet, As usual, Don’t know
    fireEvent.click(radio(question(2), 'No'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Don’t know' }));
    fireEvent.keyDown(radio(question(2), 'No'), { key: 'Enter' });
    await waitFor(() => expect(calls('op/run')).toHaveLength(1));
    expect(sentAnswers()).toEqual([
      { questionId: 'q1', dontKnow: true },
      { questionId: 'q2', choice: 'NO' },
      { questionId: 'q3', dontKnow: true },
    ]);
    expect(await screen.findByText('Answers sent to Carla Credit. Thank you.')).toBeTruthy();
  });

  it('server away: nothing is lost — the form stays filled, says “Not sent”, and Retry sends it', async () => {
    answer({ 'op/run': () => ({ ok: false, kind: 'unreachable', error: 'Cannot reach the Earshot server.' }) });
    render(<IntelRequests accountId="A1" requests={[intelRequest({ questions: [intelRequest().questions[0]!] })]} user={salesUser} />);
    fireEvent.click(radio(question(1), 'Quiet'));
    fireEvent.input(screen.getByTestId('intel-note'), { target: { value: 'Half the bays closed' } });
    fireEvent.click(screen.getByTestId('intel-send'));
    const notSent = await screen.findByTestId('intel-not-sent');
    expect(notSent.getAttribute('role')).toBe('alert');
    expect(notSent.textContent).toContain('Not sent.');
    expect(radio(question(1), 'Quiet').checked).toBe(true);
    expect((screen.getByTestId('intel-note') as HTMLTextAreaElement).value).toBe('Half the bays closed');
    expect(screen.getByTestId('intel-send').textContent).toBe('Retry');

    answer({ 'op/run': () => answered(1) });
    fireEvent.click(screen.getByTestId('intel-send'));
    await waitFor(() => expect(screen.queryByTestId('intel-request')).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('Answers sent to Carla Credit: 1 signal added. Thank you.');
  });

  it('keeps the idempotency key across retries', async () => {
    const results: OpResult[] = [{ ok: false, kind: 'server', error: 'HTTP 502' }, answered(1)];
    answer({ 'op/run': () => results.shift() as OpResult });
    render(<IntelRequests accountId="A1" requests={[intelRequest({ questions: [intelRequest().questions[1]!] })]} user={salesUser} />);
    fireEvent.click(radio(question(1), 'Yes'));
    fireEvent.click(screen.getByTestId('intel-send'));
    await screen.findByTestId('intel-not-sent');
    fireEvent.click(screen.getByTestId('intel-send'));
    await waitFor(() => expect(screen.queryByTestId('intel-request')).toBeNull());
    const keys = calls('op/run').map((c) => (c.variables.input as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('a refusal by the server is shown as it is, and the form stays', async () => {
    answer({ 'op/run': () => ({ ok: false, kind: 'rejected', code: 'CONFLICT', error: 'This request was cancelled by credit.' }) });
    render(<IntelRequests accountId="A1" requests={[intelRequest({ questions: [intelRequest().questions[1]!] })]} user={salesUser} />);
    fireEvent.click(radio(question(1), 'No'));
    fireEvent.click(screen.getByTestId('intel-send'));
    expect((await screen.findByTestId('intel-problem')).textContent).toBe('This request was cancelled by credit.');
    expect(screen.getByTestId('intel-request')).toBeTruthy();
  });

  it('“Can’t answer” asks why, sends the decline, and Escape goes back to the questions', async () => {
    answer({ 'op/run': () => ({ ok: true, data: { declineIntelRequest: { intelRequest: { id: 'IR1', status: 'DECLINED', declinedReason: 'x' } } } }) });
    render(<IntelRequests accountId="A1" requests={[intelRequest()]} user={salesUser} />);
    fireEvent.click(screen.getByRole('button', { name: 'Can’t answer' }));
    const reason = screen.getByLabelText('Why can’t you answer?');
    expect(document.activeElement).toBe(reason);
    fireEvent.keyDown(reason, { key: 'Escape' });
    expect(screen.getByTestId('intel-answer-form')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Can’t answer' }));
    fireEvent.click(screen.getByTestId('intel-decline-send'));
    expect(screen.getByRole('alert').textContent).toMatch(/Say why/);
    fireEvent.input(screen.getByTestId('intel-decline-reason'), { target: { value: 'I handed this customer to Jo' } });
    fireEvent.click(screen.getByTestId('intel-decline-send'));
    await waitFor(() => expect(screen.queryByTestId('intel-request')).toBeNull());
    expect(calls('op/run')).toEqual([
      { operation: 'PanelDeclineIntelRequest', variables: { input: { intelRequestId: 'IR1', reason: 'I handed this customer to Jo' } }, accountId: 'A1' },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Told Carla Credit you can’t answer.');
  });

  it('a review’s question asks for the account manager’s view in sales’s words', async () => {
    answer({ 'op/run': () => answered(1) });
    render(<IntelRequests accountId="A1" requests={[salesViewRequest({ overdue: true })]} user={salesUser} />);
    const group = screen.getByRole('radiogroup', { name: 'Credit is reviewing this account: how do they seem?' });
    expect(within(group).getAllByRole('radio').map((r) => r.closest('label')?.textContent?.replace(/^\d\s*/, ''))).toEqual([
      'Bustling',
      'Quiet',
      'Same as always',
      'Don’t know',
    ]);
    expect(screen.getByTestId('intel-overdue').textContent).toBe('Overdue');
    fireEvent.keyDown(within(group).getAllByRole('radio')[0] as Element, { key: '1' });
    fireEvent.input(screen.getByLabelText('Comment (optional)'), { target: { value: 'New line opened in May' } });
    fireEvent.click(screen.getByTestId('intel-send'));
    await waitFor(() => expect(calls('op/run')).toHaveLength(1));
    expect(sentAnswers()).toEqual([
      { questionId: 'view', choice: 'BUSTLING', note: 'New line opened in May' },
    ]);
  });

  it('a credit viewer sees requests assigned to others as a line, without a form, and is “you” in it', () => {
    answer({});
    render(<IntelRequests accountId="A1" requests={[intelRequest({ overdue: true })]} user={creditUser} />);
    expect(screen.queryByTestId('intel-answer-form')).toBeNull();
    const line = screen.getByTestId('intel-waiting-line').textContent ?? '';
    expect(line).toMatch(/^You asked Sam Sales .*overdue/);
    expect(line).not.toContain('Carla Credit');
  });

  it('another credit user reads who asked whom by name', () => {
    answer({});
    render(<IntelRequests accountId="A1" requests={[intelRequest()]} user={{ ...creditUser, id: 'U9', name: 'Cleo Other' }} />);
    expect(screen.getByTestId('intel-waiting-line').textContent).toMatch(/^Carla Credit asked Sam Sales .* · no answer yet$/);
  });

  it('a request the viewer asked themself says “You asked”, not their name', async () => {
    answer({ 'op/run': () => answered(0) });
    const own = intelRequest({ assignedTo: { id: creditUser.id, name: creditUser.name }, questions: [intelRequest().questions[0]!] });
    render(<IntelRequests accountId="A1" requests={[own]} user={creditUser} />);
    expect(screen.getByTestId('intel-request-meta').textContent).toMatch(/^You asked /);
    expect(screen.getByTestId('intel-request').textContent).not.toContain('Carla Credit');
  });
});

describe('buildAnswers', () => {
  const questions = intelRequest().questions;
  it('keeps notes with choices and drops empty notes', () => {
    const drafts = { ...emptyDrafts(questions), q1: { choice: 'BUSY', note: '  ' }, q2: { choice: DONT_KNOW, note: 'not sure' }, q3: { choice: null, note: ' Dana ' } };
    expect(buildAnswers(questions, drafts)).toEqual({
      ok: true,
      answers: [
        { questionId: 'q1', choice: 'BUSY' },
        { questionId: 'q2', dontKnow: true, note: 'not sure' },
        { questionId: 'q3', note: 'Dana' },
      ],
    });
  });

  it('names the first unanswered question', () => {
    expect(buildAnswers(questions, { ...emptyDrafts(questions), q1: { choice: 'BUSY', note: '' }, q2: { choice: 'NO', note: '' } })).toEqual({
      ok: false,
      questionId: 'q3',
      problem: 'Write an answer to question 3, or choose “Don’t know”.',
    });
  });
});
