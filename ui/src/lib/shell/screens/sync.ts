// Screens loaded when first opened (see ../screens.ts).
export { default as ConflictsScreen } from '../../sync/ConflictsScreen.svelte';
export { default as SyncScreen } from '../../sync/SyncScreen.svelte';
export { default as BackupPanel } from '../../backup/BackupPanel.svelte';
