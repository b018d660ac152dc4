/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// No @types/node here: the front end must not see Node's globals; this is the one use.
declare const process: { env: Record<string, string | undefined> };

// Under Vitest, Svelte must resolve to its browser build, or `mount` is unavailable in jsdom.
const underVitest = Boolean(process.env.VITEST);

export default defineConfig({
  // svelteTesting only acts under Vitest: it unmounts components after each test.
  plugins: [svelte(), svelteTesting()],
  // Tauri prints its own output; keep Vite's lines visible beside it.
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    // WebKitGTK 2.50 (the Linux WebView) runs modern JavaScript.
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
  },
  resolve: underVitest ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
  },
});
