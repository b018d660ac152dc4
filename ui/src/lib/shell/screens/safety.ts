// Screens loaded when first opened (see ../screens.ts): the trash, the retention review and
// what shows when the database is damaged.
export { default as TrashScreen } from '../../trash/TrashScreen.svelte';
export { default as RetentionScreen } from '../../privacy/RetentionScreen.svelte';
export { default as DamagedScreen } from '../../backup/DamagedScreen.svelte';
