import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Interaction } from '../api';
import OrgTimeline from './OrgTimeline.svelte';

function interaction(id: string, date: string, notes: string): Interaction {
  return {
    id,
    date,
    kind: 'one_to_one',
    people: [{ id: 'p1', name: 'Karim Bensaïd' }],
    team_member: null,
    notes,
    one_to_one: { interests: '', story: '', resources: '', commitment_asked: '', commitment_given: '' },
    suggested: [],
    created_at: `${date}T10:00:00.000Z`,
    updated_at: `${date}T10:00:00.000Z`,
  };
}

describe('OrgTimeline', () => {
  it('lists the members’ conversations with their date, kind, people and notes as text', () => {
    render(OrgTimeline, {
      props: { timeline: [interaction('i2', '2026-11-03', '<b>Bilan</b> du trimestre'), interaction('i1', '2026-10-01', '')] },
    });
    const items = screen.getAllByTestId('org-interaction');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('3 novembre 2026');
    expect(items[0]).toHaveTextContent('One-to-one relationnel');
    expect(items[0]).toHaveTextContent('Karim Bensaïd');
    expect(items[0]).toHaveTextContent('<b>Bilan</b> du trimestre');
    expect(items[0]?.querySelector('b')).toBeNull();
  });

  it('says so when nobody has talked with its members yet', () => {
    render(OrgTimeline, { props: { timeline: [] } });
    expect(screen.getByText('Aucun échange avec ses membres pour l’instant.')).toBeInTheDocument();
  });
});
