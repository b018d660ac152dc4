import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { SyncReport } from './api';
import SyncReportView from './SyncReportView.svelte';

const report: SyncReport = {
  device_id: '01900000-0000-7000-8000-00000000aaaa',
  folder: '/media/cle-usb/flocon',
  sent_commits: 0,
  sent_changes: 0,
  files_written: 0,
  received_commits: 1,
  received_changes: 3,
  merged_texts: 0,
  new_conflicts: [],
  skipped: [],
  duplicates: 0,
  waiting: 0,
  needs_update: 0,
  held: [
    {
      entity: 'person_email',
      key: '["01900000-0000-7000-8000-00000000bbbb",0]',
      device_id: '01900000-0000-7000-8000-00000000cccc',
      device_name: 'Portable de Karim',
      reason: 'points at a person that no laptop has (01900000-0000-7000-8000-00000000bbbb)',
      since: '2026-12-06T22:00:00Z',
    },
  ],
  devices: [],
  new_identity: null,
  sizes: { folder: { bytes: 3_282, files: 1 }, history_bytes: 155_648, database_bytes: 1_294_336 },
  finished_at: '2026-12-06T22:00:01Z',
};

describe('SyncReportView', () => {
  it('says which changes were held aside, from which laptop and why', () => {
    render(SyncReportView, { props: { report } });
    expect(screen.getByText(/Modifications mises de côté/)).toBeInTheDocument();
    const held = screen.getByTestId('sync-held');
    expect(held).toHaveTextContent('person_email — de Portable de Karim : points at a person that no laptop has');
  });
});
