// Screens loaded when first opened (see ../screens.ts).
export { default as EngagementEditor } from '../../engagements/EngagementEditor.svelte';
export { default as EngagementPage } from '../../engagements/EngagementPage.svelte';
export { default as EngagementsScreen } from '../../engagements/EngagementsScreen.svelte';
export { default as SessionEditor } from '../../sessions/SessionEditor.svelte';
export { default as SessionNew } from '../../sessions/SessionNew.svelte';
export { default as SessionsScreen } from '../../sessions/SessionsScreen.svelte';
export { default as TemplatesScreen } from '../../templates/TemplatesScreen.svelte';
