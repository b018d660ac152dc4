// Screens loaded when first opened (see ../screens.ts).
export { default as RoadmapBoard } from '../../roadmap/RoadmapBoard.svelte';
export { default as RoadmapTimeline } from '../../roadmap/RoadmapTimeline.svelte';
export { default as ReviewMode } from '../../review/ReviewMode.svelte';
export { default as SeminarPanel } from '../../review/SeminarPanel.svelte';
export { default as RoadmapDiff } from '../../review/RoadmapDiff.svelte';
