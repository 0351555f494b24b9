// Asks for the open file's status the moment the page starts, while the app's own script is still
// being loaded: the home page needs that answer before anything else, and it now arrives beside the
// script instead of after it. src/app/store.ts takes it, once. A classic script, so that it runs as
// soon as the page reads it, before the app's module (which waits for the page to be read).
;(function () {
  var tauri = window.__TAURI_INTERNALS__
  if (!tauri || typeof tauri.invoke !== 'function') return
  var asked = tauri.invoke('app_status')
  // A failure is read and shown by the store; this only keeps it from counting as unhandled meanwhile.
  asked.catch(function () {})
  window.__huiwuEarlyStatus = asked
})()
