import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportReport } from './api';
import { FakeImportBackend, makeEntry, makeReport, malformed } from './fake';
import ImportScreen from './ImportScreen.svelte';

const VCARD = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Élodie Dupré\r\nEMAIL:elodie@example.org\r\nEND:VCARD\r\n';

const report: ImportReport = makeReport({
  format: 'vcard',
  created: [
    makeEntry({ line: 1, name: 'Awa Diallo' }),
    makeEntry({ line: 14, name: 'Karim Benali' }),
  ],
  merged: [makeEntry({ line: 27, name: 'Élodie Dupré', person_id: 'p-elodie', matched_by: 'email' })],
  unchanged: [makeEntry({ line: 40, name: 'Samia Haddad', person_id: 'p-samia', matched_by: 'phone' })],
  skipped: [{ line: 53, reason: 'no name, email, phone or organisation' }],
});

function setup(backend = new FakeImportBackend(report)) {
  const onopen = vi.fn();
  const user = userEvent.setup();
  render(ImportScreen, { props: { backend, onopen } });
  return { backend, onopen, user };
}

function vcardFile(name = 'contacts.vcf', content = VCARD) {
  return new File([content], name, { type: 'text/vcard' });
}

async function choose(user: ReturnType<typeof userEvent.setup>, file = vcardFile()) {
  await user.upload(screen.getByTestId('import-file'), file);
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('ImportScreen', () => {
  it('offers a labelled file input for vCard and CSV files', () => {
    setup();

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Importer des contacts');
    const input = screen.getByLabelText('Choisir un fichier');
    expect(input).toBe(screen.getByTestId('import-file'));
    expect(input).toHaveAttribute('accept', expect.stringContaining('.vcf,.vcard,.csv,.txt'));
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('previews the file: counts, then each group with names, lines and match reasons', async () => {
    const { backend, user } = setup();

    await choose(user);

    const preview = await screen.findByTestId('import-preview');
    expect(backend.calls.map((c) => c.command)).toEqual(['preview']);
    expect(decode(backend.calls[0]!.bytes)).toBe(VCARD);
    expect(preview).toHaveTextContent('contacts.vcf, au format vCard');
    expect(preview).toHaveTextContent('Rien n\'a encore été enregistré.');
    expect(within(preview).getByTestId('import-summary')).toHaveTextContent(
      '2 nouveaux contacts, 1 fusionné avec un contact existant, 1 déjà présent, 1 ignoré',
    );

    const created = screen.getAllByTestId('import-created');
    expect(created.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Awa Diallo ligne 1',
      'Karim Benali ligne 14',
    ]);
    const merged = screen.getByTestId('import-merged');
    expect(merged).toHaveTextContent('Élodie Dupré');
    expect(merged).toHaveTextContent('ligne 27');
    expect(merged).toHaveTextContent('même e-mail');
    expect(screen.getByTestId('import-unchanged')).toHaveTextContent('même téléphone');
    expect(screen.getByTestId('import-skipped')).toHaveTextContent(
      'ligne 53 Motif : no name, email, phone or organisation',
    );
    // A preview opens nobody: the people do not exist yet.
    expect(within(preview).queryByRole('button', { name: 'Awa Diallo' })).toBeNull();
    expect(screen.getByTestId('import-apply')).toHaveTextContent('Importer');
  });

  it('says it is reading the file while the preview is on its way', async () => {
    let answer: (value: ImportReport) => void = () => {};
    const backend = new FakeImportBackend(report);
    vi.spyOn(backend, 'preview').mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const { user } = setup(backend);

    await choose(user);

    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Lecture du fichier…'));
    expect(screen.getByTestId('import-file').closest('section')).toHaveAttribute('aria-busy', 'true');
    answer(report);
    await screen.findByTestId('import-preview');
    expect(screen.getByRole('status')).not.toHaveTextContent('Lecture du fichier…');
  });

  it('shows the progress the core reports on a large file', async () => {
    let answer: (value: ImportReport) => void = () => {};
    let report_progress: (p: { done: number; total: number }) => void = () => {};
    const backend = new FakeImportBackend(report);
    vi.spyOn(backend, 'preview').mockImplementation((_bytes, onProgress) => {
      report_progress = onProgress ?? (() => {});
      return new Promise((resolve) => (answer = resolve));
    });
    const { user } = setup(backend);

    await choose(user);
    report_progress({ done: 2500, total: 10000 });

    const bar = await screen.findByTestId('import-progress');
    expect(bar).toHaveAttribute('max', '10000');
    expect(bar).toHaveAttribute('value', '2500');
    expect(screen.getByText('2500 contacts traités sur 10000')).toBeInTheDocument();
    answer(report);
    await screen.findByTestId('import-preview');
    expect(screen.queryByTestId('import-progress')).toBeNull();
  });

  it('shows why a malformed file cannot be read, says nothing changed, and offers no import', async () => {
    const backend = new FakeImportBackend(report, malformed('line 5: BEGIN:VCARD has no END:VCARD'));
    const apply = vi.spyOn(backend, 'apply');
    const { user } = setup(backend);

    await choose(user);

    const error = await screen.findByTestId('import-error');
    expect(error).toHaveRole('alert');
    expect(error).toHaveTextContent('Le fichier ne peut pas être lu : line 5: BEGIN:VCARD has no END:VCARD');
    expect(error).toHaveTextContent('Rien n\'a été modifié dans Flocon.');
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(screen.queryByTestId('import-apply')).toBeNull();
    expect(apply).not.toHaveBeenCalled();
  });

  it('imports the very bytes it previewed, then reports and opens the people created', async () => {
    const { backend, onopen, user } = setup();
    await choose(user);
    await screen.findByTestId('import-preview');

    await user.click(screen.getByTestId('import-apply'));

    const done = await screen.findByTestId('import-done');
    expect(backend.calls.map((c) => c.command)).toEqual(['preview', 'apply']);
    expect(backend.calls[1]!.bytes).toBe(backend.calls[0]!.bytes);
    expect(decode(backend.calls[1]!.bytes)).toBe(VCARD);
    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(within(done).getByRole('heading', { name: 'Import terminé' })).toHaveFocus();
    expect(within(done).getByTestId('import-summary')).toHaveTextContent(
      '2 contacts créés, 1 fusionné avec un contact existant, 1 déjà présent, 1 ignoré',
    );

    await user.click(within(done).getByRole('button', { name: 'Karim Benali' }));
    expect(onopen).toHaveBeenCalledWith('imported-2');
    await user.click(within(done).getByRole('button', { name: 'Élodie Dupré' }));
    expect(onopen).toHaveBeenLastCalledWith('p-elodie');

    await user.click(within(done).getByRole('button', { name: 'Importer un autre fichier' }));
    await waitFor(() => expect(screen.getByTestId('import-file')).toHaveFocus());
    expect(screen.queryByTestId('import-done')).toBeNull();
  });

  it('refuses a file over 50 Mo without reading it or calling the backend', async () => {
    const backend = new FakeImportBackend(report);
    const preview = vi.spyOn(backend, 'preview');
    const { user } = setup(backend);
    const huge = new File(['x'], 'export.csv', { type: 'text/csv' });
    Object.defineProperty(huge, 'size', { value: 63 * 1024 * 1024 });
    const read = vi.spyOn(huge, 'arrayBuffer');

    await choose(user, huge);

    const error = await screen.findByTestId('import-error');
    expect(error).toHaveTextContent('« export.csv » fait 63 Mo : Flocon importe des fichiers de 50 Mo au plus.');
    expect(read).not.toHaveBeenCalled();
    expect(preview).not.toHaveBeenCalled();
    expect(screen.queryByTestId('import-preview')).toBeNull();
  });

  it('cancels a preview without importing anything', async () => {
    const { backend, user } = setup();
    await choose(user);
    await screen.findByTestId('import-preview');

    await user.click(screen.getByRole('button', { name: 'Annuler' }));

    expect(screen.queryByTestId('import-preview')).toBeNull();
    expect(screen.getByTestId('import-file')).toHaveFocus();
    expect(backend.calls.map((c) => c.command)).toEqual(['preview']);
  });

  it('keeps the preview when the import fails, and says nothing was changed', async () => {
    const backend = new FakeImportBackend(report);
    backend.applyFailure = malformed('line 9: unterminated quoted field');
    const { user } = setup(backend);
    await choose(user);
    await screen.findByTestId('import-preview');

    await user.click(screen.getByTestId('import-apply'));

    const error = await screen.findByTestId('import-error');
    expect(error).toHaveTextContent('Le fichier ne peut pas être lu : line 9: unterminated quoted field');
    expect(error).toHaveTextContent('Rien n\'a été modifié dans Flocon.');
    expect(screen.getByTestId('import-preview')).toBeInTheDocument();
    expect(screen.queryByTestId('import-done')).toBeNull();
  });

  it('offers no import when the file brings nothing new', async () => {
    const already = makeReport({
      unchanged: [makeEntry({ line: 1, name: 'Samia Haddad', person_id: 'p-samia', matched_by: 'name' })],
    });
    const { user } = setup(new FakeImportBackend(already));

    await choose(user);

    const preview = await screen.findByTestId('import-preview');
    expect(within(preview).getByTestId('import-summary')).toHaveTextContent('1 déjà présent');
    expect(preview).toHaveTextContent('Rien de nouveau à importer');
    expect(screen.getByTestId('import-unchanged')).toHaveTextContent('même nom');
    expect(screen.queryByTestId('import-apply')).toBeNull();
  });
});
