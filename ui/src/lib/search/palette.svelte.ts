// Whether the search palette is open: shared by the palette, its Ctrl+K shortcut and the
// sidebar button.

export const palette = $state({ open: false });

export function openPalette(): void {
  palette.open = true;
}
