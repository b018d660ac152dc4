import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makeOrg, makePerson } from '../api/fake';
import { FakeCoachingBackend, makeEngagement } from './fake';
import SessionNew from './SessionNew.svelte';

const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
let zoneBefore: string | undefined;
beforeEach(() => {
  // The user is in Paris: 18:00 local on 14 October is 16:00 UTC (summer time).
  zoneBefore = env.TZ;
  env.TZ = 'Europe/Paris';
});
afterEach(() => {
  if (zoneBefore === undefined) delete env.TZ;
  else env.TZ = zoneBefore;
});

function setup(engagementId: string | null = null) {
  const backend = new FakeCoachingBackend({
    templates: [{ id: 't-bilan', name: 'Bilan trimestriel', body: '## Ordre du jour', updated_at: '2026-11-01T10:00:00Z' }],
    engagements: [
      makeEngagement({ id: 'e1', title: 'Climat 2026', organizations: [{ id: 'o-climat', name: 'Climat Quartiers' }] }),
    ],
  });
  const people = new FakeBackend({
    people: [makePerson({ id: 'p-awa', first_name: 'Awa', last_name: 'Diallo' })],
    orgs: [makeOrg({ id: 'o-climat', name: 'Climat Quartiers' })],
  });
  const create = vi.spyOn(backend, 'createSession');
  const onsaved = vi.fn();
  const view = render(SessionNew, {
    props: { backend, engagementId, onsaved, oncancel: vi.fn() },
    context: backendContext(people),
  });
  const $ = (selector: string) => view.container.querySelector<HTMLInputElement>(selector)!;
  return { backend, create, onsaved, $, user: userEvent.setup() };
}

describe('SessionNew', () => {
  it('creates the session with its start in UTC and the chosen template', async () => {
    const { create, onsaved, $, user } = setup('e1');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Préparer une séance');
    // The engagement is preset, and brings its collectives.
    await waitFor(() => expect($('#session-engagement')).toHaveValue('e1'));
    expect(await screen.findByRole('list', { name: 'Collectifs' })).toHaveTextContent('Climat Quartiers');
    expect($('#session-duration')).toHaveValue(90);
    expect($('#session-format')).toHaveValue('collective');

    await user.selectOptions($('#session-template'), 'Bilan trimestriel');
    await user.type($('#session-title'), 'Bilan du trimestre');
    await fireEvent.input($('#session-start'), { target: { value: '2026-10-14T18:00' } });
    await user.type($('#session-place'), 'https://visio.example.org/climat');
    await user.type($('#session-participants'), 'Awa');
    await user.click(await within(document.getElementById('session-participants-options')!).findByText('Awa Diallo'));
    await user.click(screen.getByRole('button', { name: 'Préparer la séance' }));

    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(create).toHaveBeenCalledWith(
      {
        title: 'Bilan du trimestre',
        engagement_id: 'e1',
        organizations: ['o-climat'],
        starts_at: '2026-10-14T16:00:00Z',
        duration_minutes: 90,
        place: 'https://visio.example.org/climat',
        format: 'collective',
        participants: ['p-awa'],
        facilitators: [],
        preparation: '',
        notes: '',
        decisions: [],
        next_session_on: null,
      },
      't-bilan',
    );
    const session = await create.mock.results[0]!.value;
    expect(onsaved).toHaveBeenCalledWith(session.id);
    expect(session.preparation).toBe('## Ordre du jour');
  });

  it('refuses a missing start with a French message beside the field', async () => {
    const { create, $, user } = setup();
    await user.type($('#session-title'), 'Atelier');
    await user.click(screen.getByRole('button', { name: 'Préparer la séance' }));
    const error = document.querySelector('[data-field-error="starts_at"]');
    expect(error).toHaveTextContent('Indiquez une date et une heure de début valides.');
    expect($('#session-start')).toHaveAttribute('aria-invalid', 'true');
    expect(create).not.toHaveBeenCalled();
  });

  it('sends no template when "Sans modèle" stays chosen, and shows a backend refusal beside its field', async () => {
    const { backend, create, $, user } = setup();
    expect($('#session-template')).toHaveValue('');
    expect(within($('#session-template')).getAllByRole('option')[0]).toHaveTextContent('Sans modèle');
    await user.type($('#session-title'), 'Atelier');
    await fireEvent.input($('#session-start'), { target: { value: '2026-11-25T18:00' } });
    backend.failNext('createSession', {
      kind: 'invalid',
      field: 'duration_minutes',
      problem: { code: 'out_of_range', min: 1, max: 2880 },
    });
    await user.click(screen.getByRole('button', { name: 'Préparer la séance' }));
    await waitFor(() =>
      expect(document.querySelector('[data-field-error="duration_minutes"]')).toHaveTextContent('entre 1 et 2880'),
    );
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ starts_at: '2026-11-25T17:00:00Z' }), null);
  });
});
