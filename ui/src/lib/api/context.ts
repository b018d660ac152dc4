// Components find the backend through Svelte context, so a test can mount any component
// with a fake by passing `backendContext(fake)` as the mount context.

import { getContext, setContext } from 'svelte';
import type { Backend } from './index';

const KEY = Symbol('flocon.backend');

export function provideBackend(backend: Backend): void {
  setContext(KEY, backend);
}

export function useBackend(): Backend {
  const backend = getContext<Backend | undefined>(KEY);
  if (!backend) throw new Error('No backend in context: mount the component under App or pass backendContext()');
  return backend;
}

export function backendContext(backend: Backend): Map<symbol, Backend> {
  return new Map([[KEY, backend]]);
}
