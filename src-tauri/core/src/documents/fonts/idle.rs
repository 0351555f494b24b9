//! When the bundled fonts are not in use: the moment the window may give their pages back.
//!
//! The bundled fonts are 36 MB of the binary (`include_bytes!`). Reading a glyph maps the pages
//! around it into the process (the kernel maps 64 KB around each page read), and those pages stay
//! counted against the process for its whole life: drawing the five sample lines of the font
//! settings held ~4 MiB, the preview of a few pages of minutes ~4 MiB more, and every document
//! previewed or exported added what it read. The core only says when it has finished with the fonts
//! (a [`FontSet`](super::FontSet) dropped, a preview page drawn); what to do then is the shell's
//! choice (the window hands the pages back to the system, which reads them from the binary again
//! when they are next needed; the CLI, which ends at once, does nothing). The core itself does no
//! such call: it has no `unsafe` code.

use std::sync::OnceLock;

use super::face::BUNDLED;

static HOOK: OnceLock<fn()> = OnceLock::new();

/// Sets what is done each time the fonts are left unused (once per process; later calls are
/// ignored).
pub fn on_fonts_idle(hook: fn()) {
    let _ = HOOK.set(hook);
}

/// The bytes of every bundled font, as compiled into the binary.
pub fn bundled_font_data() -> impl Iterator<Item = &'static [u8]> {
    BUNDLED.iter().map(|b| b.bytes)
}

/// The fonts are not in use any more (by this caller: others may still be reading them, which the
/// hook must allow for).
pub(crate) fn fonts_idle() {
    if let Some(hook) = HOOK.get() {
        hook();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::{FontPrefs, FontSet};
    use std::sync::atomic::{AtomicUsize, Ordering};

    static CALLS: AtomicUsize = AtomicUsize::new(0);

    fn count() {
        CALLS.fetch_add(1, Ordering::SeqCst);
    }

    #[test]
    fn the_hook_runs_when_a_font_set_is_dropped() {
        on_fonts_idle(count);
        let before = CALLS.load(Ordering::SeqCst);
        let set = FontSet::resolve(&FontPrefs::bundled_only()).expect("fonts");
        assert!(set.primary(crate::documents::FontRole::Fangsong).has('政'), "the fonts are read");
        drop(set);
        assert!(CALLS.load(Ordering::SeqCst) > before, "dropping the font set said the fonts are idle");
        assert_eq!(bundled_font_data().count(), 5, "four Fandol fonts and the Noto fallback");
    }
}
