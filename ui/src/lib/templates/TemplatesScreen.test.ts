import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { FakeCoachingBackend, makeTemplate } from '../engagements/fake';
import TemplatesScreen from './TemplatesScreen.svelte';

function setup(backend = new FakeCoachingBackend({
  templates: [
    makeTemplate({ id: 't-bilat', name: 'Bilatérale', body: '## Météo\n\n## Points d\'étape' }),
    makeTemplate({ id: 't-coll', name: 'Collective', body: '## Ordre du jour' }),
  ],
})) {
  const user = userEvent.setup();
  render(TemplatesScreen, { props: { backend } });
  return { backend, user };
}

const items = () => screen.findAllByTestId('template-item');

describe('TemplatesScreen', () => {
  it('lists the templates and edits the chosen one', async () => {
    const { backend, user } = setup();
    const update = vi.spyOn(backend, 'updateTemplate');
    expect((await items()).map((i) => i.textContent?.trim())).toEqual(['Bilatérale', 'Collective']);

    await user.click(screen.getByRole('button', { name: 'Bilatérale' }));
    const name = screen.getByLabelText('Nom');
    const body = screen.getByLabelText('Contenu de la préparation');
    expect(name).toHaveFocus();
    expect(body).toHaveValue('## Météo\n\n## Points d\'étape');
    expect(screen.getByRole('button', { name: 'Bilatérale' })).toHaveAttribute('aria-current', 'true');

    await user.clear(name);
    await user.type(name, 'Bilatérale mensuelle');
    await user.type(body, '\n\n## Prochaine séance');
    await user.click(screen.getByTestId('save-template'));

    await waitFor(() =>
      expect(update).toHaveBeenCalledWith('t-bilat', {
        name: 'Bilatérale mensuelle',
        body: '## Météo\n\n## Points d\'étape\n\n## Prochaine séance',
      }),
    );
    expect(await screen.findByText('Modèle « Bilatérale mensuelle » enregistré.')).toBeInTheDocument();
    expect((await items()).map((i) => i.textContent?.trim())).toEqual(['Bilatérale mensuelle', 'Collective']);
  });

  it('creates a template, and requires a name first', async () => {
    const { backend, user } = setup();
    const create = vi.spyOn(backend, 'createTemplate');
    await items();
    await user.click(screen.getByTestId('new-template'));
    const editor = within(screen.getByTestId('template-editor'));
    expect(editor.getByRole('heading')).toHaveTextContent('Nouveau modèle');
    expect(editor.queryByTestId('delete-template')).toBeNull();

    await user.type(editor.getByLabelText('Contenu de la préparation'), '## Tour de table');
    await user.click(editor.getByTestId('save-template'));
    expect(document.querySelector('[data-field-error="name"]')).toHaveTextContent('Ce champ est obligatoire.');
    expect(editor.getByLabelText('Nom')).toHaveFocus();
    expect(create).not.toHaveBeenCalled();

    await user.type(editor.getByLabelText('Nom'), '  Formation  ');
    await user.click(editor.getByTestId('save-template'));
    await waitFor(() => expect(create).toHaveBeenCalledWith({ name: 'Formation', body: '## Tour de table' }));
    await waitFor(() => expect(screen.getAllByTestId('template-item')).toHaveLength(3));
    expect(screen.getByRole('button', { name: 'Formation' })).toHaveAttribute('aria-current', 'true');
    expect(backend.templates.map((t) => t.name)).toContain('Formation');
  });

  it('shows a refusal from the core beside the field it names', async () => {
    const backend = new FakeCoachingBackend({ templates: [makeTemplate({ id: 't1', name: 'Collective' })] });
    backend.failures.updateTemplate = new ApiError({ kind: 'invalid', message: 'too long', field: 'body', problem: { code: 'too_long', max: 100000 } });
    const { user } = setup(backend);
    await items();
    await user.click(screen.getByRole('button', { name: 'Collective' }));
    await user.click(screen.getByTestId('save-template'));
    expect(await screen.findByText('Ce texte est trop long : 100000 caractères au plus.')).toHaveAttribute('data-field-error', 'body');
  });

  it('deletes a template only after confirmation', async () => {
    const { backend, user } = setup();
    await items();
    await user.click(screen.getByRole('button', { name: 'Collective' }));

    await user.click(screen.getByTestId('delete-template'));
    expect(screen.getByRole('dialog')).toHaveTextContent('Supprimer le modèle « Collective » ?');
    await user.click(screen.getByTestId('cancel-delete-template'));
    expect(backend.templates).toHaveLength(2);
    expect(screen.getByTestId('delete-template')).toHaveFocus();

    await user.click(screen.getByTestId('delete-template'));
    await user.click(screen.getByTestId('confirm-delete-template'));
    await waitFor(() => expect(screen.getAllByTestId('template-item')).toHaveLength(1));
    expect(backend.templates.map((t) => t.id)).toEqual(['t-bilat']);
    expect(screen.queryByTestId('template-editor')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Modèle « Collective » supprimé.');
  });

  it('invites to create the first template when there is none', async () => {
    setup(new FakeCoachingBackend());
    expect(await screen.findByTestId('no-templates')).toHaveTextContent('Aucun modèle pour l\'instant');
  });
});
