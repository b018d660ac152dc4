// A state-based router: the app is one window, so a route is just a value. No URL parsing;
// hrefs exist only so links behave as links (focus, Enter, screen readers).

import { quarterOf } from '../roadmap/api';

export type Section =
  | 'week'
  | 'contacts'
  | 'collectives'
  | 'engagements'
  | 'sessions'
  | 'roadmap'
  | 'events'
  | 'report'
  | 'sync'
  | 'privacy'
  | 'trash';

export const SECTIONS: readonly Section[] = [
  'week',
  'contacts',
  'collectives',
  'engagements',
  'sessions',
  'roadmap',
  'events',
  'report',
  'sync',
  'privacy',
  'trash',
];

export type Route =
  | { name: 'contacts' }
  | { name: 'contact'; id: string }
  | { name: 'contact-new' }
  | { name: 'contact-edit'; id: string }
  | { name: 'import' }
  | { name: 'duplicates' }
  | { name: 'orgs' }
  | { name: 'org'; id: string }
  | { name: 'org-new' }
  | { name: 'org-edit'; id: string }
  | { name: 'week' }
  | { name: 'engagements' }
  | { name: 'engagement'; id: string }
  | { name: 'engagement-new' }
  | { name: 'engagement-edit'; id: string }
  | { name: 'sessions' }
  | { name: 'session'; id: string }
  | { name: 'session-new'; engagementId: string | null }
  | { name: 'templates' }
  | { name: 'roadmap'; quarter: string }
  | { name: 'review'; quarter: string }
  | { name: 'roadmap-diff'; from: string; to: string }
  | { name: 'roadmap-timeline' }
  | { name: 'sync' }
  | { name: 'conflicts' }
  | { name: 'events' }
  | { name: 'event'; id: string }
  | { name: 'event-new' }
  | { name: 'event-edit'; id: string }
  | { name: 'cohorts' }
  | { name: 'cohort'; id: string }
  | { name: 'report' }
  | { name: 'retention' }
  | { name: 'trash' };

export function sectionOf(route: Route): Section {
  switch (route.name) {
    case 'events':
    case 'event':
    case 'event-new':
    case 'event-edit':
    case 'cohorts':
    case 'cohort':
      return 'events';
    case 'report':
      return 'report';
    case 'orgs':
    case 'org':
    case 'org-new':
    case 'org-edit':
      return 'collectives';
    case 'week':
      return 'week';
    case 'engagements':
    case 'engagement':
    case 'engagement-new':
    case 'engagement-edit':
      return 'engagements';
    case 'sessions':
    case 'session':
    case 'session-new':
    case 'templates':
      return 'sessions';
    case 'roadmap':
    case 'review':
    case 'roadmap-diff':
    case 'roadmap-timeline':
      return 'roadmap';
    case 'sync':
    case 'conflicts':
      return 'sync';
    case 'retention':
      return 'privacy';
    case 'trash':
      return 'trash';
    default:
      return 'contacts';
  }
}

export function sectionRoute(section: Section): Route {
  switch (section) {
    case 'contacts':
      return { name: 'contacts' };
    case 'collectives':
      return { name: 'orgs' };
    case 'week':
      return { name: 'week' };
    case 'engagements':
      return { name: 'engagements' };
    case 'sessions':
      return { name: 'sessions' };
    case 'roadmap':
      return { name: 'roadmap', quarter: quarterOf(new Date()) };
    case 'events':
      return { name: 'events' };
    case 'report':
      return { name: 'report' };
    case 'sync':
      return { name: 'sync' };
    case 'privacy':
      return { name: 'retention' };
    case 'trash':
      return { name: 'trash' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'contacts':
      return '#/contacts';
    case 'contact':
      return `#/contacts/${encodeURIComponent(route.id)}`;
    case 'contact-new':
      return '#/contacts/new';
    case 'contact-edit':
      return `#/contacts/${encodeURIComponent(route.id)}/edit`;
    case 'import':
      return '#/contacts/import';
    case 'duplicates':
      return '#/contacts/duplicates';
    case 'orgs':
      return '#/collectives';
    case 'org':
      return `#/collectives/${encodeURIComponent(route.id)}`;
    case 'org-new':
      return '#/collectives/new';
    case 'org-edit':
      return `#/collectives/${encodeURIComponent(route.id)}/edit`;
    case 'week':
      return '#/week';
    case 'engagements':
      return '#/engagements';
    case 'engagement':
      return `#/engagements/${encodeURIComponent(route.id)}`;
    case 'engagement-new':
      return '#/engagements/new';
    case 'engagement-edit':
      return `#/engagements/${encodeURIComponent(route.id)}/edit`;
    case 'sessions':
      return '#/sessions';
    case 'session':
      return `#/sessions/${encodeURIComponent(route.id)}`;
    case 'session-new':
      return '#/sessions/new';
    case 'templates':
      return '#/sessions/templates';
    case 'roadmap':
      return `#/roadmap/${encodeURIComponent(route.quarter)}`;
    case 'review':
      return `#/roadmap/${encodeURIComponent(route.quarter)}/review`;
    case 'roadmap-diff':
      return `#/roadmap/diff/${encodeURIComponent(route.from)}/${encodeURIComponent(route.to)}`;
    case 'roadmap-timeline':
      return '#/roadmap/timeline';
    case 'sync':
      return '#/sync';
    case 'conflicts':
      return '#/sync/conflicts';
    case 'events':
      return '#/events';
    case 'event':
      return `#/events/${encodeURIComponent(route.id)}`;
    case 'event-new':
      return '#/events/new';
    case 'event-edit':
      return `#/events/${encodeURIComponent(route.id)}/edit`;
    case 'cohorts':
      return '#/cohorts';
    case 'cohort':
      return `#/cohorts/${encodeURIComponent(route.id)}`;
    case 'report':
      return '#/report';
    case 'retention':
      return '#/retention';
    case 'trash':
      return '#/trash';
  }
}

class Router {
  current = $state<Route>({ name: 'week' });

  go(route: Route): void {
    this.current = route;
  }
}

export const router = new Router();

/** Click handler for an `<a>` that navigates in place; a modified click must not open a window. */
export function linkTo(route: Route) {
  return (event: MouseEvent) => {
    event.preventDefault();
    if (!event.ctrlKey && !event.metaKey && !event.shiftKey) router.go(route);
  };
}
