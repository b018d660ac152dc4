// Links written in Markdown goals must not take the whole window away from Flocon.

/** Cancels the navigation of any link clicked (or activated with Enter) inside `node`. */
export function containLinks(node: HTMLElement) {
  function clicked(event: MouseEvent) {
    if (event.target instanceof Element && event.target.closest('a')) event.preventDefault();
  }
  node.addEventListener('click', clicked);
  return { destroy: () => node.removeEventListener('click', clicked) };
}
