import '@testing-library/jest-dom/vitest';

// jsdom has <dialog> but not its methods. This mirrors what matters to our components:
// showModal() opens it, close() closes it and fires `close`.
if (typeof HTMLDialogElement !== 'undefined' && !HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
}

// jsdom has no layout, hence no ResizeObserver (used by bind:clientHeight): a silent one will do,
// as components fall back to a default size when nothing is measured.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
