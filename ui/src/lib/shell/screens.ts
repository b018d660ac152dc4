// The app's screens, by part, each loaded the first time one of them is opened: the window
// opens on "Ma semaine" with only its own code to parse, and the rest comes from the app's own
// files in a few milliseconds when needed. Each loader answers the same promise every time.

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export const contactScreens = once(() => import('./screens/contacts'));
export const coachingScreens = once(() => import('./screens/coaching'));
export const roadmapScreens = once(() => import('./screens/roadmap'));
export const eventScreens = once(() => import('./screens/events'));
export const syncScreens = once(() => import('./screens/sync'));
export const safetyScreens = once(() => import('./screens/safety'));
