// The moment the home page's content is on screen, as a standard performance mark. Nothing in the
// app reads it: scripts/bench-window.sh does (through WebDriver), to compare Huiwu's start with an
// empty Tauri window that sets the same mark the same way.

/** Sets the mark «first-content» once the frame showing what is in the DOM now has been painted. */
export function markFirstContent(): void {
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('first-content')))
}
