// Svelte 5 compiles TypeScript itself; no preprocessor needed. Runes mode everywhere.
export default {
  compilerOptions: {
    runes: true,
  },
};
