// Sizes and offsets computed at run time. The CSP (style-src 'self') forbids style attributes,
// but not the CSSOM: setting `element.style` from script is allowed, so these actions do that.

export interface Box {
  height?: number;
  /** Vertical offset in pixels, applied as a transform so it costs no layout. */
  offsetY?: number;
}

function apply(node: HTMLElement, box: Box): void {
  if (box.height !== undefined) node.style.setProperty('height', `${box.height}px`);
  if (box.offsetY !== undefined) node.style.setProperty('transform', `translateY(${box.offsetY}px)`);
}

export function boxed(node: HTMLElement, box: Box) {
  apply(node, box);
  return { update: (next: Box) => apply(node, next) };
}
