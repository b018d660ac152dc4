// Screens loaded when first opened, so the window's first screen ("Ma semaine") starts with
// less code to parse. See ../screens.ts.
export { default as ContactEditor } from '../../contacts/ContactEditor.svelte';
export { default as ContactPage } from '../../contacts/ContactPage.svelte';
export { default as ContactsScreen } from '../../contacts/ContactsScreen.svelte';
export { default as DuplicatesScreen } from '../../duplicates/DuplicatesScreen.svelte';
export { default as ImportScreen } from '../../import/ImportScreen.svelte';
export { default as PersonEvents } from '../../events/PersonEvents.svelte';
export { default as OrgEditor } from '../../orgs/OrgEditor.svelte';
export { default as OrgPage } from '../../orgs/OrgPage.svelte';
export { default as OrgsScreen } from '../../orgs/OrgsScreen.svelte';
export { default as OrganizationEvents } from '../../events/OrganizationEvents.svelte';
