//! Replays every input under fuzz/regressions/<target>/ through the function its fuzz target
//! calls: each once crashed annalist (or is an edge case worth keeping) and must not again.

use std::fs;
use std::path::Path;

fn replay(target: &str, run: fn(&str)) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions").join(target);
    let Ok(entries) = fs::read_dir(&dir) else { return 0 };
    let mut n = 0;
    for entry in entries {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            run(text);
            n += 1;
        }
    }
    n
}

#[test]
fn regression_inputs_no_longer_crash() {
    let n = replay("front_matter", annalist::fuzzing::parse_report)
        + replay("shortcodes", annalist::fuzzing::shortcodes)
        + replay("render_body", annalist::fuzzing::render_body);
    assert!(n > 0, "no regression inputs found");
}
