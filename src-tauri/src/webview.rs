//! What the window's web engine is told on Linux (WebKitGTK), for an application that shows its own
//! pages from inside the binary rather than browsing the web:
//!
//! - The cache model «document viewer». WebKit's default («web browser») keeps resources, decoded
//!   images and whole pages in memory to make the next visit of a site fast. Every page of Huiwu
//!   comes from the binary and the pages are one document (hash routes), so those caches only hold
//!   memory: a page left gives it back.
//! - No asynchronous scrolling of overflow areas (WebKit's feature «AsyncOverflowScrolling», off).
//!   With it on, every box that scrolls — each table with a fixed height (el-table's body), each
//!   list in a dialog, the page itself — becomes a composited layer of its own, and without a GPU
//!   (Mesa's software GL) each such layer holds ~15 MiB in the web process however short its
//!   content, and keeps it after the page is left: 考勤统计, with five such tables, grew the web
//!   process by ~290 MiB, ~100 MiB with the feature off (measured, scripts/bench-window.sh). Such
//!   boxes are then scrolled on the page's own thread, which for pages of a few hundred rows is
//!   as smooth.
//!
//! - No accelerated compositing on a machine without a GPU (`prepare`, before the first window).
//!   Without a GPU device, Mesa emulates one in software (llvmpipe), and WebKit's compositor then
//!   draws every layer through that emulation: the web process held ~60 MiB more at start, ~50 MiB
//!   more after a tour of the pages, and 考勤统计 took twice as long to show its first rows (1.0 s
//!   against 0.45 s; measured, scripts/bench-window.sh). WebKit then paints the page on the CPU,
//!   which is what the emulation did anyway. With a GPU, WebKit's default stays. A value the user
//!   set for `WEBKIT_DISABLE_COMPOSITING_MODE` is kept either way. (WebKitGTK 2.50's WebDriver
//!   screenshot, in this mode, waits for the next frame: the end-to-end harness draws one.)
//!
//! - Full garbage collections of JavaScript sooner after a page is left (`prepare`: JavaScriptCore's
//!   option `percentCPUPerMBForFullTimer`, 0.01 instead of 0.0003125). A page left leaves its
//!   components, its data and its whole DOM (which the JavaScript objects hold) as garbage; JSC
//!   collects it in a full collection, which its timer schedules after a delay of «the last full
//!   collection's length ÷ a share of the CPU», the share growing with the megabytes there are to
//!   reclaim and capped at 5 %. With the default share (0.03 % per MB) the delay after a tour of
//!   the pages was often longer than the clerk stays on the next page, and the window held ~45 MiB
//!   of dead pages (scripts/bench-window.sh, five runs: 389, 439, 438, 397 and 437 MiB after the
//!   tour, ~390 when a collection came in time, ~438 when it did not). With 1 % per MB the
//!   collection comes a few hundred milliseconds after a page of a few megabytes is left (374–383 MiB
//!   in all five runs). JSC's cap is unchanged, so collections still take at most 5 % of the time;
//!   a tour of the pages took 5–10 % longer to settle (5.0 s → 5.3–5.5 s in all, page by page), and
//!   the first content came no later (median 588 ms either way, ten starts each).
//!   A value the user set for `JSC_percentCPUPerMBForFullTimer` is kept.
//!
//! The JavaScript JIT stays on: without it (`JSC_useJIT=0`) a tour of the pages holds ~80 MiB less,
//! but 考勤统计 took twice as long to draw (1.8 s → 3.8 s).
//!
//! For every webview the app makes (the main window and the hall display), here in the shell; the
//! core knows nothing of windows.

/// WebKitGTK's environment variable that turns accelerated compositing off.
const NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// JavaScriptCore's option (read from the environment by the web process) for how soon after
/// allocation a full garbage collection is scheduled, and the value the window uses (see above).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
const FULL_GC_TIMER: (&str, &str) = ("JSC_percentCPUPerMBForFullTimer", "0.01");

/// Sets up the web engine's process-wide choices as above; called once at start, before the first
/// window is made and before any other thread runs (it sets environment variables, which WebKit
/// reads when it makes a view and its web process inherits).
pub fn prepare() {
    #[cfg(target_os = "linux")]
    if compositing_off(std::env::var_os(NO_COMPOSITING).is_some(), std::path::Path::new("/dev/dri")) {
        std::env::set_var(NO_COMPOSITING, "1");
    }
    #[cfg(target_os = "linux")]
    if std::env::var_os(FULL_GC_TIMER.0).is_none() {
        std::env::set_var(FULL_GC_TIMER.0, FULL_GC_TIMER.1);
    }
}

/// Whether to turn accelerated compositing off: only when the user has not chosen (`user_set`) and
/// the machine has no GPU device, i.e. no render node (`renderD128`, …) in `dri` (/dev/dri).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn compositing_off(user_set: bool, dri: &std::path::Path) -> bool {
    if user_set {
        return false;
    }
    let Ok(entries) = std::fs::read_dir(dri) else {
        return true;
    };
    !entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
}

/// Tunes the web engine of `webview` as above (only on Linux; elsewhere nothing to do).
pub fn tune<R: tauri::Runtime>(webview: &tauri::Webview<R>) {
    #[cfg(target_os = "linux")]
    {
        // A webview that is already going away needs no settings.
        let _ = webview.with_webview(|platform| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            let view = platform.inner();
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
            if let Some(settings) = view.settings() {
                features::set(&settings, "AsyncOverflowScrolling", false);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = webview;
}

/// WebKitGTK's runtime features (`webkit_settings_set_feature_enabled`, WebKitGTK 2.42 and later),
/// which the webkit2gtk crate does not bind. The functions are looked up when called, not linked:
/// on an older WebKitGTK they are missing and the window simply keeps WebKit's defaults, where a
/// linked symbol would stop the program from starting at all.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
mod features {
    use std::ffi::{c_char, c_int, c_void, CStr};
    use webkit2gtk::ffi::WebKitSettings;
    use webkit2gtk::glib::translate::ToGlibPtr;

    type AllFeatures = unsafe extern "C" fn() -> *mut c_void;
    type ListLength = unsafe extern "C" fn(*mut c_void) -> usize;
    type ListGet = unsafe extern "C" fn(*mut c_void, usize) -> *mut c_void;
    type Identifier = unsafe extern "C" fn(*mut c_void) -> *const c_char;
    type SetEnabled = unsafe extern "C" fn(*mut WebKitSettings, *mut c_void, c_int);
    type ListUnref = unsafe extern "C" fn(*mut c_void);

    /// The address of `name` in the libraries the program has loaded (WebKitGTK is one of them).
    fn lookup(name: &CStr) -> Option<*mut c_void> {
        // SAFETY: dlsym reads a NUL-terminated name and returns an address or null; it has no
        // other effect.
        let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
        (!p.is_null()).then_some(p)
    }

    /// Turns WebKit's feature `identifier` on or off for the views using `settings`; does nothing
    /// when this WebKitGTK has no feature API or no such feature.
    pub fn set(settings: &webkit2gtk::Settings, identifier: &str, enabled: bool) {
        let (Some(all), Some(length), Some(get), Some(ident), Some(set), Some(unref)) = (
            lookup(c"webkit_settings_get_all_features"),
            lookup(c"webkit_feature_list_get_length"),
            lookup(c"webkit_feature_list_get"),
            lookup(c"webkit_feature_get_identifier"),
            lookup(c"webkit_settings_set_feature_enabled"),
            lookup(c"webkit_feature_list_unref"),
        ) else {
            return;
        };
        // SAFETY: each address is the WebKitGTK function of that name, whose C signature the type
        // it is cast to spells (webkit/WebKitFeature.h, webkit/WebKitSettings.h). The list is
        // owned here and released once; a feature and its identifier belong to the list and are
        // used only while it lives; `settings` is a live WebKitSettings held by the caller.
        unsafe {
            let all: AllFeatures = std::mem::transmute(all);
            let length: ListLength = std::mem::transmute(length);
            let get: ListGet = std::mem::transmute(get);
            let ident: Identifier = std::mem::transmute(ident);
            let set: SetEnabled = std::mem::transmute(set);
            let unref: ListUnref = std::mem::transmute(unref);
            let list = all();
            if list.is_null() {
                return;
            }
            // Identifiers are unique: the first match is the feature.
            let named = (0..length(list)).map(|i| get(list, i)).find(|&feature| {
                if feature.is_null() {
                    return false;
                }
                let id = ident(feature);
                !id.is_null() && CStr::from_ptr(id).to_bytes() == identifier.as_bytes()
            });
            if let Some(feature) = named {
                set(settings.to_glib_none().0, feature, c_int::from(enabled));
            }
            unref(list);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{compositing_off, prepare, FULL_GC_TIMER};

    /// The only test that touches this variable: no other test reads or writes it.
    #[test]
    #[cfg(target_os = "linux")]
    fn full_collections_come_sooner_unless_the_user_chose_otherwise() {
        std::env::remove_var(FULL_GC_TIMER.0);
        prepare();
        assert_eq!(std::env::var(FULL_GC_TIMER.0).as_deref(), Ok("0.01"), "the window's value for the web process");
        assert!(FULL_GC_TIMER.1.parse::<f64>().is_ok_and(|v| v > 0.0003125), "sooner than JSC's default");
        std::env::set_var(FULL_GC_TIMER.0, "0.5");
        prepare();
        assert_eq!(std::env::var(FULL_GC_TIMER.0).as_deref(), Ok("0.5"), "the user's own value is kept");
    }

    #[test]
    fn compositing_is_turned_off_only_without_a_gpu_and_without_the_users_choice() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let dri = dir.path().join("dri");
        assert!(compositing_off(false, &dri), "no /dev/dri at all: no GPU, compositing off");
        std::fs::create_dir(&dri).expect("dri folder");
        std::fs::write(dri.join("card0"), b"").expect("card0");
        assert!(compositing_off(false, &dri), "a display card without a render node: still no GPU to draw with");
        std::fs::write(dri.join("renderD128"), b"").expect("renderD128");
        assert!(!compositing_off(false, &dri), "a render node: WebKit's default stays");
        assert!(!compositing_off(true, dir.path()), "the user's own WEBKIT_DISABLE_COMPOSITING_MODE is kept");
    }
}
