import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import type { SyncProgress } from './api';
import { progressBar, progressLine } from './progress';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

/** Intl separates thousands with no-break spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

const reading: SyncProgress = { step: 'reading', done: 12, total: 120 };
const sending: SyncProgress = { step: 'sending', done: 3, total: 40 };
const applying: SyncProgress = { step: 'applying', done: 40, total: 200 };
const settling: SyncProgress = { step: 'settling', done: 0, total: 0 };

describe('sync progress', () => {
  it('says each step and its counts in French', () => {
    expect(progressLine(reading, 'fr')).toBe('Lecture du dossier partagé : 12 fichiers sur 120');
    expect(progressLine(sending, 'fr')).toBe('Envoi : 3 lots de modifications sur 40');
    expect(progressLine(applying, 'fr')).toBe('Application des modifications : 40 sur 200');
    expect(progressLine(settling, 'fr')).toBe('Mise à jour des fiches…');
  });

  it('counts in the singular where French does, and groups thousands', () => {
    expect(progressLine({ step: 'reading', done: 0, total: 120 }, 'fr')).toBe('Lecture du dossier partagé : 0 fichier sur 120');
    expect(progressLine({ step: 'sending', done: 1, total: 40 }, 'fr')).toBe('Envoi : 1 lot de modifications sur 40');
    expect(plain(progressLine({ step: 'applying', done: 1_500, total: 12_000 }, 'fr'))).toBe(
      'Application des modifications : 1 500 sur 12 000',
    );
  });

  it('names a step whose size is not known yet without counts', () => {
    expect(progressLine({ step: 'reading', done: 0, total: 0 }, 'fr')).toBe('Lecture du dossier partagé…');
    expect(progressLine({ step: 'sending', done: 0, total: 0 }, 'fr')).toBe('Envoi des modifications de cet ordinateur…');
    expect(progressLine({ step: 'applying', done: 0, total: 0 }, 'fr')).toBe('Application des modifications…');
    expect(progressLine(null, 'fr')).toBe('Synchronisation…');
  });

  it('follows the app language', () => {
    setLocale('en');
    expect(progressLine(reading)).toBe('Reading the shared folder: 12 files out of 120');
    expect(progressLine({ step: 'reading', done: 1, total: 120 })).toBe('Reading the shared folder: 1 file out of 120');
    expect(progressLine(sending)).toBe('Sending: 3 batches of changes out of 40');
    expect(progressLine(applying)).toBe('Applying changes: 40 out of 200');
    expect(progressLine(settling)).toBe('Updating the records…');
    expect(plain(progressLine({ step: 'applying', done: 1_500, total: 12_000 }))).toBe('Applying changes: 1,500 out of 12,000');
  });

  it('fills the bar with the counts, and leaves it moving without a value when there are none', () => {
    expect(progressBar(reading)).toEqual({ value: 12, max: 120 });
    expect(progressBar(sending)).toEqual({ value: 3, max: 40 });
    expect(progressBar(applying)).toEqual({ value: 40, max: 200 });
    expect(progressBar(settling)).toBeNull();
    expect(progressBar({ step: 'reading', done: 0, total: 0 })).toBeNull();
    expect(progressBar(null)).toBeNull();
    // Never past its end, whatever the core counts.
    expect(progressBar({ step: 'applying', done: 210, total: 200 })).toEqual({ value: 200, max: 200 });
  });
});
