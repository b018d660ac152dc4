import { describe, expect, it } from 'vitest';
import { emptyReport, sampleReport } from './fake';
import { isEmpty, totalBacking } from './records';

describe('report records', () => {
  it('back every headline figure of the sample with as many records as it counts', () => {
    const report = sampleReport();
    expect(totalBacking(report, 'events').records).toHaveLength(report.totals.events);
    expect(totalBacking(report, 'sessions').records).toHaveLength(report.totals.sessions);
    expect(totalBacking(report, 'engagements').records).toHaveLength(report.totals.engagements);
    expect(totalBacking(report, 'collectives').records).toHaveLength(report.totals.collectives);
    expect(totalBacking(report, 'new_contacts').records).toHaveLength(report.totals.new_contacts);
    expect(totalBacking(report, 'cohorts').records).toHaveLength(report.totals.cohorts);
    expect(totalBacking(report, 'objectives_reached').records).toHaveLength(report.totals.objectives_reached);
    expect(totalBacking(report, 'sessions').note).toBeUndefined();
  });

  it('counts each session once, and says when the total holds sessions no list names', () => {
    const report = sampleReport();
    // The Bootcamp's sessions also listed under a collective: still three sessions.
    report.collectives[0]!.engagements.push(structuredClone(report.trainings[0]!));
    report.totals.sessions += 2;
    const backing = totalBacking(report, 'sessions');
    expect(backing.records).toHaveLength(13);
    expect(backing.note).toMatch(/^2 autres séances du total n'ont ni collectif ni formation/);
  });

  it('sees an empty period as one', () => {
    expect(isEmpty(emptyReport('2026-01-01', '2026-01-31'))).toBe(true);
    expect(isEmpty(sampleReport())).toBe(false);
  });
});
