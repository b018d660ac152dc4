import { isTauri } from '@tauri-apps/api/core';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { tauriBackend, type Backend } from './lib/api';
import { tauriCoachingBackend } from './lib/coaching/api';
import { prefetchWeek } from './lib/week/prefetch';
import { installCloseGuard } from './lib/shell/closeGuard';

async function chooseBackend(): Promise<Backend> {
  // `npm run dev` opened in a plain browser has no Rust side: use invented data there.
  // `import.meta.env.DEV` is false in `vite build`, so none of this reaches the app bundle.
  if (import.meta.env.DEV && !isTauri()) {
    const [{ FakeBackend }, { demoData, manyPeople }] = await Promise.all([
      import('./lib/api/fake'),
      import('./lib/api/demo'),
    ]);
    const data = demoData();
    const many = Number(new URLSearchParams(location.search).get('many') ?? 0);
    if (many > 0) data.people = [...(data.people ?? []), ...manyPeople(many)];
    return new FakeBackend(data);
  }
  return tauriBackend;
}

// Boot marks, read by the benchmark's timeline (`FLOCON_BENCH_VERBOSE`): cheap, and the only
// way to see where a cold start goes inside the page.
performance.mark('flocon:script');

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

const backend = await chooseBackend();
// The first screen's data, asked for now: the core works while the page starts, and the first
// frame drawn shows the week whole rather than "Chargement…" then a second layout. The wait
// is a few milliseconds of core; never more than WAIT_FOR_WEEK_MS, whatever happens.
const WAIT_FOR_WEEK_MS = 250;
if (isTauri()) {
  const week = prefetchWeek(tauriCoachingBackend);
  await Promise.race([week.catch(() => undefined), new Promise((done) => setTimeout(done, WAIT_FOR_WEEK_MS))]);
  performance.mark('flocon:week-answered');
}
mount(App, { target, props: { backend } });
performance.mark('flocon:mounted');
// The first frame's rendering update starts here (style, layout and paint follow it).
requestAnimationFrame(() => performance.mark('flocon:frame'));
// Installed alongside the first screen, not before it: it costs a module and a round trip to
// Rust, and nothing can be pending in an editor before the window has even drawn.
if (isTauri()) void installCloseGuard();
