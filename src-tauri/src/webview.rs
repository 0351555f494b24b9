//! What the window's web engine is told on Linux (WebKitGTK), for an application that shows its own
//! pages from inside the binary rather than browsing the web: the cache model «document viewer».
//! WebKit's default («web browser») keeps resources, decoded images and whole pages in memory to
//! make the next visit of a site fast. Every page of Huiwu comes from the binary and the pages are
//! one document (hash routes), so those caches only hold memory: a page left gives it back.
//!
//! Accelerated compositing stays WebKit's default, though without a GPU (Mesa's software GL) it
//! holds much of the web process's memory (~80 MiB at start): with it off (`WEBKIT_DISABLE_COMPOSITING_MODE=1`, which a
//! user may set) WebDriver's screenshot of a page that does not change never returns in
//! WebKitGTK 2.50, and the end-to-end tests take such screenshots.
//!
//! For every webview the app makes (the main window and the hall display), here in the shell; the
//! core knows nothing of windows.

/// Tunes the web engine of `webview` as above (only on Linux; elsewhere nothing to do).
pub fn tune<R: tauri::Runtime>(webview: &tauri::Webview<R>) {
    #[cfg(target_os = "linux")]
    {
        // A webview that is already going away needs no settings.
        let _ = webview.with_webview(|platform| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = platform.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = webview;
}
