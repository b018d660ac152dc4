import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { FakeBackend, makePerson } from '../api/fake';
import Combobox from './Combobox.svelte';
import { peopleSearch } from './pickers';

function setup() {
  const fake = new FakeBackend([
    makePerson({ id: 'lea', first_name: 'Léa', last_name: 'Rousseau', city: 'Paris' }),
    makePerson({ id: 'leo', first_name: 'Léo', last_name: 'Martin' }),
    makePerson({ id: 'awa', first_name: 'Awa', last_name: 'Diallo' }),
  ]);
  const list = vi.spyOn(fake, 'listContacts');
  const onpick = vi.fn();
  const user = userEvent.setup();
  render(Combobox, {
    props: { id: 'picker', label: 'Personne référente', search: peopleSearch(fake), optionsTestId: 'picker-options', onpick },
  });
  return { list, onpick, user, input: screen.getByRole('combobox') };
}

describe('Combobox (person picker)', () => {
  it('searches the contacts as the user types and picks one with the keyboard', async () => {
    const { list, onpick, user, input } = setup();
    await user.type(input, 'le');

    const options = within(screen.getByTestId('picker-options'));
    await waitFor(() => expect(options.getAllByRole('option')).toHaveLength(2));
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ text: 'le', limit: 8 }));
    expect(input).toHaveAttribute('aria-expanded', 'true');
    expect(options.getAllByRole('option')[1]).toHaveTextContent('Léa Rousseau');
    expect(options.getAllByRole('option')[1]).toHaveTextContent('Paris');

    await user.keyboard('{ArrowDown}');
    expect(input).toHaveAttribute('aria-activedescendant', 'picker-option-1');
    await user.keyboard('{Enter}');

    expect(onpick).toHaveBeenLastCalledWith({ id: 'lea', name: 'Léa Rousseau', detail: 'Paris' });
    expect(input).toHaveValue('Léa Rousseau');
    expect(input).toHaveAttribute('aria-expanded', 'false');
  });

  it('is cleared with its × button, and says when nothing matches', async () => {
    const { onpick, user, input } = setup();
    await user.type(input, 'awa');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    await user.click(screen.getByRole('option'));
    expect(input).toHaveValue('Awa Diallo');

    await user.click(screen.getByRole('button', { name: 'Effacer : Personne référente' }));
    expect(input).toHaveValue('');
    expect(input).toHaveFocus();
    expect(onpick).toHaveBeenLastCalledWith(null);

    await user.type(input, 'zzz');
    await waitFor(() => expect(screen.getByText('Aucun résultat')).toBeInTheDocument());
  });

  it('closes with Escape without clearing what was typed', async () => {
    const { user, input } = setup();
    await user.type(input, 'le');
    await waitFor(() => expect(input).toHaveAttribute('aria-expanded', 'true'));
    await user.keyboard('{Escape}');
    expect(input).toHaveAttribute('aria-expanded', 'false');
    expect(input).toHaveValue('le');
  });
});
