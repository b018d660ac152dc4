import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Highlight from './Highlight.svelte';
import { snippetPieces } from './highlight';

describe('snippetPieces', () => {
  it('turns the markers into matched pieces', () => {
    expect(snippetPieces('Élodie \u0002Dupré\u0003 · \u0002Bob\u0003igny')).toEqual([
      { text: 'Élodie ', matched: false },
      { text: 'Dupré', matched: true },
      { text: ' · ', matched: false },
      { text: 'Bob', matched: true },
      { text: 'igny', matched: false },
    ]);
  });

  it('is safe with unmatched markers: a stray end is dropped, an open start marks the rest', () => {
    expect(snippetPieces('a\u0003b\u0002c')).toEqual([
      { text: 'ab', matched: false },
      { text: 'c', matched: true },
    ]);
    expect(snippetPieces('\u0002\u0003')).toEqual([]);
  });
});

describe('Highlight', () => {
  it('renders matches as <mark> and everything as text, never HTML', () => {
    const { container } = render(Highlight, { props: { snippet: '\u0002<script>\u0003alert(1)</script> <b>x</b>' } });
    const marks = container.querySelectorAll('mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.textContent).toBe('<script>');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<script>alert(1)</script> <b>x</b>');
  });
});
