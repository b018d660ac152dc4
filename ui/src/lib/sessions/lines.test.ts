import { describe, expect, it } from 'vitest';
import { insertLine, lineAt, lineContent, removeLine } from './lines';

const notes = 'Tour de table\n- Fête de quartier le 12\nQuestions';

describe('current line', () => {
  it('is the line the caret is on, without its list marker', () => {
    const caret = notes.indexOf('quartier');
    expect(lineAt(notes, caret)).toEqual({
      start: 14,
      end: 38,
      raw: '- Fête de quartier le 12',
      text: 'Fête de quartier le 12',
    });
    expect(lineAt(notes, 0).text).toBe('Tour de table');
    expect(lineAt(notes, notes.length).text).toBe('Questions');
    expect(lineAt('', 0)).toEqual({ start: 0, end: 0, raw: '', text: '' });
  });

  it('drops "- ", "* " and task boxes', () => {
    expect(lineContent('  * Appeler la mairie ')).toBe('Appeler la mairie');
    expect(lineContent('- [ ] Réserver la salle')).toBe('Réserver la salle');
    expect(lineContent('-5 degrés')).toBe('-5 degrés');
  });

  it('is removed with its newline, wherever it is', () => {
    expect(removeLine(notes, '- Fête de quartier le 12', 14)).toEqual({ text: 'Tour de table\nQuestions', caret: 14 });
    expect(removeLine(notes, 'Questions', 39).text).toBe('Tour de table\n- Fête de quartier le 12');
    expect(removeLine(notes, 'Tour de table', 0).text).toBe('- Fête de quartier le 12\nQuestions');
    expect(removeLine('seule', 'seule', 0).text).toBe('');
  });

  it('removes the copy nearest to where it was, and nothing when it is gone', () => {
    const twice = 'A\nx\nB\nx';
    expect(removeLine(twice, 'x', 6).text).toBe('A\nx\nB');
    expect(removeLine(twice, 'absent', 0).text).toBe(twice);
  });

  it('can be put back after a failure', () => {
    expect(insertLine('Tour de table\nQuestions', '- Fête', 14)).toBe('Tour de table\n- Fête\nQuestions');
    expect(insertLine('Tour de table', '- Fête', 14)).toBe('Tour de table\n- Fête');
    expect(insertLine('Tour de table', '- Fête', 0)).toBe('- Fête\nTour de table');
    expect(insertLine('', '- Fête', 0)).toBe('- Fête');
  });
});
