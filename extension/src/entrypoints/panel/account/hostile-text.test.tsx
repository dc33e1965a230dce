/**
 * Stored XSS: names, notes, signals, alert titles, contacts, the customer card, intel requests, disputes and credit's
 * actions come from other users and other tools. The panel
 * renders them as text (Preact escapes), never as markup: no element of the payloads appears in the document.
 */
import '@/ui/testing/setup';
import { render, waitFor } from '@testing-library/preact';
import { expect, it, vi } from 'vitest';
import { account, dispute, intelRequest } from '@/ui/testing/fixtures';
import { answer } from '@/ui/testing/mock-send';
import { AccountView } from './AccountView';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

const PAYLOADS = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=1</script>', '<iframe src="javascript:window.__pwned=1"></iframe>', '<svg onload="window.__pwned=1">'];

it('renders hostile text in every user-written field as text, never as elements', async () => {
  const base = account();
  const [img, script, iframe, svg] = PAYLOADS as [string, string, string, string];
  const hostile = account({
    name: `Acme ${img}`,
    alerts: { ...base.alerts, edges: base.alerts.edges.map((e) => ({ node: { ...e.node, title: `${e.node.title} ${iframe}` } })) },
    signals: { totalCount: base.signals?.totalCount ?? 0, edges: (base.signals?.edges ?? []).map((e) => ({ node: { ...e.node, note: `${e.node.note ?? ''} ${svg}` } })) },
    notes: { edges: base.notes.edges.map((e) => ({ node: { ...e.node, body: PAYLOADS.join(' ') } })) },
    contacts: base.contacts.map((c) => ({ ...c, name: `${c.name} ${img}`, role: script })),
    description: svg,
    whyTheyBuy: [img, script],
    creditActions: [{ kind: 'ON_HOLD', text: iframe, since: null }, { kind: 'COLLECTION', text: svg, since: null }],
    intelRequests: {
      totalCount: 1,
      edges: [{ node: intelRequest({ message: img, requestedBy: { id: 'U9', name: script }, assignedTo: { id: 'U1', name: 'Carla Credit' }, questions: [{ id: 'q', kind: 'TEXT', template: null, text: iframe }] }) }],
    },
    disputes: { totalCount: 1, edges: [{ node: dispute({ reason: svg, summary: img, ownerTeam: script }) }] },
  });
  // The signals come with the account's detail (account/detail: PanelAccountDetail), asked when the account is shown.
  answer({
    'account/detail': () => ({ ok: true, account: { id: hostile.id, signals: hostile.signals!, creditStatus: null }, fetchedAt: '2026-12-06T08:00:00.000Z' }),
    'op/run': () => ({ ok: false, kind: 'server', error: 'not answered here' }),
  });
  const { container } = render(
    <AccountView match={{ matchedBy: 'DOMAIN', matchedValue: 'acme.example', account: hostile }} user={{ id: 'U1', name: 'Carla Credit', email: 'carla@ourco.example', role: 'CREDIT' }} sourceUrl={undefined} onChanged={() => {}} />,
  );
  await waitFor(() => expect(container.querySelectorAll('[data-testid="signal-item"]').length).toBeGreaterThan(0));
  expect(container.querySelectorAll('script, iframe, img[onerror], svg[onload]')).toHaveLength(0);
  expect([...container.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name)))).toEqual([]);
  for (const p of PAYLOADS) expect(container.textContent).toContain(p);
  expect((window as { __pwned?: number }).__pwned).toBeUndefined();
});
