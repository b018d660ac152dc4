import { isTauri } from '@tauri-apps/api/core';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { tauriBackend, type Backend } from './lib/api';
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

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

mount(App, { target, props: { backend: await chooseBackend() } });
// Installed alongside the first screen, not before it: it costs a module and a round trip to
// Rust, and nothing can be pending in an editor before the window has even drawn.
if (isTauri()) void installCloseGuard();
