// Screens loaded when first opened (see ../screens.ts).
export { default as EventForm } from '../../events/EventForm.svelte';
export { default as EventPage } from '../../events/EventPage.svelte';
export { default as EventsScreen } from '../../events/EventsScreen.svelte';
export { default as CohortBoard } from '../../cohorts/CohortBoard.svelte';
export { default as CohortsScreen } from '../../cohorts/CohortsScreen.svelte';
export { default as ReportScreen } from '../../report/ReportScreen.svelte';
