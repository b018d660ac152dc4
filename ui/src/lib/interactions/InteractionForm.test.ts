import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { backendContext } from '../api/context';
import { FakeBackend, makePerson } from '../api/fake';
import InteractionForm from './InteractionForm.svelte';

function setup() {
  const fake = new FakeBackend([
    makePerson({ id: 'p1', first_name: 'Élodie', last_name: 'Dupré' }),
    makePerson({ id: 'lea', first_name: 'Léa', last_name: 'Rousseau' }),
    makePerson({ id: 'awa', first_name: 'Awa', last_name: 'Diallo' }),
  ]);
  const add = vi.spyOn(fake, 'addInteraction');
  const onsaved = vi.fn();
  const user = userEvent.setup();
  const view = render(InteractionForm, {
    props: { person: { id: 'p1', name: 'Élodie Dupré' }, onsaved, oncancel: vi.fn() },
    context: backendContext(fake),
  });
  const $ = (selector: string) => view.container.querySelector<HTMLInputElement>(selector);
  return { add, onsaved, user, $ };
}

async function pick(user: ReturnType<typeof userEvent.setup>, input: HTMLInputElement, text: string) {
  await user.type(input, text);
  await waitFor(() => expect(input).toHaveAttribute('aria-expanded', 'true'));
  await waitFor(() => expect(input).toHaveAttribute('aria-activedescendant'));
  await user.keyboard('{Enter}');
}

describe('InteractionForm', () => {
  it('shows the one-to-one questions only for a relational one-to-one', async () => {
    const { user, $ } = setup();
    expect($('#interaction-kind')).toHaveValue('one_to_one');
    expect(screen.getByTestId('one-to-one-fields')).toBeInTheDocument();
    expect(screen.getByLabelText('Intérêts et valeurs')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Qui d\'autre rencontrer ?' })).toBeInTheDocument();

    await user.selectOptions($('#interaction-kind')!, 'Appel');
    expect(screen.queryByTestId('one-to-one-fields')).toBeNull();
    expect(screen.queryByLabelText('Intérêts et valeurs')).toBeNull();
  });

  it('preselects the person and sends the one-to-one answers and suggestions', async () => {
    const { add, onsaved, user, $ } = setup();
    expect(screen.getByRole('list', { name: 'Personnes rencontrées' })).toHaveTextContent('Élodie Dupré');

    await user.clear($('#interaction-date')!);
    await user.type($('#interaction-date')!, '2026-10-12');
    await pick(user, $('#interaction-team-member')!, 'lea');
    await user.type($('#interaction-interests')!, 'La justice');
    await user.type($('#interaction-commitment_given')!, 'Animer la réunion');
    await pick(user, $('#interaction-suggested')!, 'awa');
    await user.type($('#interaction-notes')!, 'Sortie d\'école');
    await user.click(screen.getByTestId('save-interaction'));

    await waitFor(() => expect(onsaved).toHaveBeenCalledOnce());
    expect(add).toHaveBeenCalledWith({
      date: '2026-10-12',
      kind: 'one_to_one',
      people: ['p1'],
      team_member_id: 'lea',
      notes: 'Sortie d\'école',
      one_to_one: { interests: 'La justice', story: '', resources: '', commitment_asked: '', commitment_given: 'Animer la réunion' },
      suggested: ['awa'],
    });
  });

  it('refuses to save without anyone met', async () => {
    const { add, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Retirer Élodie Dupré' }));
    await user.click(screen.getByTestId('save-interaction'));
    expect(document.querySelector('[data-field-error="people"]')).toHaveTextContent('Ce champ est obligatoire.');
    expect(add).not.toHaveBeenCalled();
  });
});
