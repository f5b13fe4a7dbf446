//! Rendering a report page whose Markdown body (with shortcodes) is arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        annalist::fuzzing::render_body(text);
    }
});
