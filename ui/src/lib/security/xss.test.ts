// XSS: hostile text in every field the main screens show — a contact page, a session's notes
// rendered from Markdown, an engagement's goals, an event page, search results — never
// becomes markup that runs. Texts are shown as text; rendered Markdown is the HTML the core's
// sanitizer really makes of the payloads (rendered-payloads.gen.json, written by
// crates/flocon-core/src/xss_tests.rs), put in the page with {@html}.
//
// The check is on the DOM itself: no element that runs or loads anything (<script>, <iframe>,
// <img>, <svg>…), no on* attribute, no javascript:/vbscript:/data: URL in a URL attribute.

import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makeOrg, makePerson } from '../api/fake';
import ContactPage from '../contacts/ContactPage.svelte';
import EngagementPage from '../engagements/EngagementPage.svelte';
import { FakeCoachingBackend as FakeEngagementsBackend, makeEngagement } from '../engagements/fake';
import EventPage from '../events/EventPage.svelte';
import { entry, FakeEventsBackend, makeEvent } from '../events/fake';
import SearchPalette from '../search/SearchPalette.svelte';
import { palette } from '../search/palette.svelte';
import { FakeCoachingBackend, makeSession } from '../sessions/fake';
import SessionEditor from '../sessions/SessionEditor.svelte';
import fixture from './rendered-payloads.gen.json';

const PAYLOADS: string[] = fixture.payloads;
const ALL = PAYLOADS.join('\n\n');
/** What the core's Markdown renderer makes of a text (only texts of the fixture). */
function coreHtml(markdown: string): string {
  const found = fixture.rendered.find((r) => r.markdown === markdown);
  if (!found) throw new Error(`not in the fixture: ${markdown}`);
  return found.html;
}

const FORBIDDEN = new Set([
  'script', 'iframe', 'frame', 'frameset', 'img', 'svg', 'math', 'object', 'embed', 'form',
  'style', 'meta', 'base', 'link', 'noscript', 'template', 'audio', 'video', 'source', 'applet',
]);
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster', 'srcset', 'background',
]);

/** Everything in the DOM under `root` that could run or load a payload. */
function dangers(root: ParentNode = document.body): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (FORBIDDEN.has(tag)) found.push(`<${tag}> element`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      // Browsers ignore blanks and control characters inside a scheme.
      const value = attr.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) found.push(`${name}= on <${tag}>`);
      if (name === 'srcdoc') found.push(`srcdoc= on <${tag}>`);
      if (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data):/.test(value)) {
        found.push(`${name}="${attr.value}" on <${tag}>`);
      }
      if (name === 'style' && /javascript:|expression\(|url\(/.test(value)) found.push(`style="${attr.value}" on <${tag}>`);
    }
  }
  return found;
}

afterEach(() => {
  palette.open = false;
});

describe('the DOM checker', () => {
  it('finds what would run, and not escaped text', () => {
    const box = document.createElement('div');
    box.innerHTML = '<p>&lt;script&gt;alert(1)&lt;/script&gt; onclick=alert(1)</p><a href="https://example.org">x</a>';
    expect(dangers(box)).toEqual([]);
    box.innerHTML = '<img src=x onerror="alert(1)"><a href=" JaVa\tScript:alert(1)">x</a><script>alert(1)</script>';
    expect(dangers(box)).toEqual([
      '<img> element',
      'onerror= on <img>',
      'href=" JaVa\tScript:alert(1)" on <a>',
      '<script> element',
    ]);
  });

  it('gets from the core HTML for every payload, and none of it would run', () => {
    expect(PAYLOADS.length).toBeGreaterThan(20);
    for (const { markdown, html } of fixture.rendered) {
      const box = document.createElement('div');
      box.innerHTML = html;
      expect(dangers(box), markdown).toEqual([]);
    }
  });
});

describe('a contact page with hostile text in every field', () => {
  it('shows every payload as text, and links only mail, phone and web addresses', async () => {
    const hostile = makePerson({
      id: 'p-x',
      first_name: PAYLOADS[0]!,
      last_name: PAYLOADS[1]!,
      emails: [
        { label: PAYLOADS[2]!, value: 'javascript:alert(1)' },
        { label: 'travail', value: '"><script>alert(1)</script>@example.org' },
      ],
      phones: [{ label: PAYLOADS[4]!, value: 'javascript:alert(1)' }],
      organization: PAYLOADS[5]!,
      pronouns: PAYLOADS[20]!,
      city: PAYLOADS[21]!,
      languages: [PAYLOADS[22]!],
      website: 'javascript:alert(1)',
      linkedin: 'JaVaScRiPt:alert(2)//example.org',
      instagram: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      tags: [PAYLOADS[6]!, PAYLOADS[13]!],
      notes: ALL,
    });
    const view = render(ContactPage, {
      props: { id: 'p-x', onedit: vi.fn(), ondeleted: vi.fn(), onback: vi.fn() },
      context: backendContext(new FakeBackend({ people: [hostile], orgs: [makeOrg({ id: 'o1', name: PAYLOADS[3]! })] })),
    });

    expect(await screen.findByTestId('contact-name')).toHaveTextContent(`${PAYLOADS[0]} ${PAYLOADS[1]}`);
    expect(screen.getByTestId('contact-notes').textContent).toBe(ALL);
    // The javascript: web site, LinkedIn and the data: Instagram are shown, not linked.
    expect(view.container).toHaveTextContent('javascript:alert(1)');
    expect(view.container).toHaveTextContent('JaVaScRiPt:alert(2)//example.org');
    expect(screen.queryByRole('link', { name: /^JaVaScRiPt:/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /^data:/ })).toBeNull();
    // Every link of the page is a mail, phone, web or in-app one.
    const hrefs = [...view.container.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
    expect(hrefs.length).toBeGreaterThan(2);
    for (const href of hrefs) expect(href).toMatch(/^(mailto:|tel:|https?:\/\/|#|\/)/);
    expect(dangers()).toEqual([]);
  });
});

describe('a session with hostile text, its notes rendered from Markdown', () => {
  it('shows the frame as text and the previews as the core sanitized them', async () => {
    const people = { id: 'p-x', name: PAYLOADS[1]! };
    const backend = new FakeCoachingBackend({
      sessions: [
        makeSession({
          id: 's-x',
          title: PAYLOADS[0]!,
          engagement: { id: 'e-x', title: PAYLOADS[4]! },
          organizations: [{ id: 'o-x', name: PAYLOADS[2]! }],
          starts_at: '2026-11-25T17:00:00Z',
          place: PAYLOADS[5]!,
          participants: [people],
          facilitators: [people],
          preparation: PAYLOADS[6]!,
          notes: ALL,
          decisions: [PAYLOADS[3]!, PAYLOADS[13]!],
        }),
      ],
      names: { 'p-x': PAYLOADS[1]! },
    });
    const renderMarkdown = vi.spyOn(backend, 'renderMarkdown').mockImplementation(async (text) => coreHtml(text));
    const user = userEvent.setup();
    render(SessionEditor, {
      props: { backend, id: 's-x', onopenengagement: vi.fn(), onback: vi.fn() },
      context: backendContext(new FakeBackend([])),
    });

    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent(PAYLOADS[0]!);
    expect(screen.getByLabelText('Notes')).toHaveValue(ALL);
    expect(dangers()).toEqual([]);

    await user.click(screen.getByTestId('session-notes-preview-toggle'));
    const notes = await screen.findByTestId('session-notes-preview');
    await waitFor(() => expect(notes).toHaveTextContent('alert(1)'));
    await user.click(screen.getByTestId('session-preparation-preview-toggle'));
    const preparation = await screen.findByTestId('session-preparation-preview');
    await waitFor(() => expect(preparation).toHaveTextContent('clic'));
    expect(renderMarkdown).toHaveBeenCalledWith(ALL);
    expect(renderMarkdown).toHaveBeenCalledWith(PAYLOADS[6]);
    // The text of the payloads is there to read, and none of it runs.
    expect(notes).toHaveTextContent('<script>alert(1)</script>');
    expect(dangers()).toEqual([]);
  });

  it('shows an engagement\'s goals as the core sanitized them', async () => {
    const backend = new FakeEngagementsBackend({
      engagements: [
        makeEngagement({
          id: 'e-x',
          title: PAYLOADS[0]!,
          organizations: [{ id: 'o-x', name: PAYLOADS[1]! }],
          goals: ALL,
          cadence: PAYLOADS[2]!,
          funder: { id: 'o-f', name: PAYLOADS[3]! },
          leads: [{ id: 'p-x', name: PAYLOADS[4]! }],
        }),
      ],
    });
    backend.goalsHtml.set('e-x', coreHtml(ALL));
    render(EngagementPage, {
      props: { backend, id: 'e-x', onedit: vi.fn(), onopensession: vi.fn(), onnewsession: vi.fn(), ondeleted: vi.fn(), onback: vi.fn() },
    });
    expect(await screen.findByTestId('engagement-title')).toHaveTextContent(PAYLOADS[0]!);
    expect(screen.getByTestId('engagement-goals')).toHaveTextContent('alert(1)');
    expect(dangers()).toEqual([]);
  });
});

describe('an event page with hostile text', () => {
  it('shows title, place, description, notes and names as text', async () => {
    const someone = (i: number) => ({ id: `p-${i}`, name: PAYLOADS[i]! });
    const backend = new FakeEventsBackend({
      people: [someone(7)],
      events: [
        makeEvent({
          id: 'ev-x',
          title: PAYLOADS[0]!,
          series: { id: 'series-x', name: PAYLOADS[1]! },
          starts_at: '2026-06-12T17:00:00Z',
          place: PAYLOADS[2]!,
          speakers: [someone(3)],
          guests: [someone(4)],
          organizations: [{ id: 'o-x', name: PAYLOADS[5]! }],
          description: ALL,
          notes: PAYLOADS.slice(10).join('\n'),
          attendance: [entry(someone(6), 'present'), entry(someone(8), 'registered')],
        }),
      ],
    });
    render(EventPage, {
      props: { backend, id: 'ev-x', onopenperson: vi.fn(), onopenorg: vi.fn(), onedit: vi.fn(), ondeleted: vi.fn(), onback: vi.fn() },
    });
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent(PAYLOADS[0]!);
    expect(screen.getByTestId('event-description').textContent).toBe(ALL);
    expect(screen.getByTestId('event-notes').textContent).toBe(PAYLOADS.slice(10).join('\n'));
    expect(dangers()).toEqual([]);
  });
});

describe('search results with hostile titles and snippets', () => {
  it('shows them as text, the matches highlighted without parsing HTML', async () => {
    const fake = new FakeBackend([]);
    const START = '\u0002';
    const END = '\u0003';
    vi.spyOn(fake, 'search').mockResolvedValue(
      PAYLOADS.slice(0, 12).map((payload, i) => ({
        kind: i % 2 === 0 ? 'person' : 'organization',
        id: `hit-${i}`,
        title: payload,
        snippet: `avant ${START}${payload}${END} ${START}alert${END}(1) après ${PAYLOADS[(i + 12) % PAYLOADS.length]}`,
      })),
    );
    const user = userEvent.setup();
    render(SearchPalette, { props: { onopen: vi.fn() }, context: backendContext(fake) });
    await user.keyboard('{Control>}k{/Control}');
    await user.type(screen.getByTestId('search-input'), 'alert');

    await waitFor(() => expect(screen.getAllByTestId('search-hit')).toHaveLength(12));
    const first = screen.getAllByTestId('search-hit')[0]!;
    expect(first).toHaveTextContent(PAYLOADS[0]!);
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toContain(PAYLOADS[0]);
    expect(within(first).queryByRole('img')).toBeNull();
    expect(dangers()).toEqual([]);
  });
});
