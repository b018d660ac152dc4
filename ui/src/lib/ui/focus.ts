// Moves focus to an element when it appears, so keyboard and screen-reader users land on the
// new screen instead of on a control that no longer exists.
export function focusOnMount(node: HTMLElement): void {
  queueMicrotask(() => {
    if (node.isConnected) node.focus();
  });
}

/** Moves focus to the first field of a form when it appears. */
export function focusFirstControl(node: HTMLElement): void {
  queueMicrotask(() => {
    if (node.isConnected) node.querySelector<HTMLElement>('input, select, textarea')?.focus();
  });
}
