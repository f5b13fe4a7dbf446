//! Tests of a table's figures as front-matter entries and of what counts as the same figure.

use super::merge::entry_text;
use super::rows::FigureRow;
use crate::model::written::Written;

fn row(value: Option<&str>, change: Option<&str>, note: Option<&str>) -> FigureRow {
    FigureRow {
        row: 2,
        entity: "yanqing".into(),
        year: 2021,
        indicator: "claim_rate".into(),
        value: value.map(|v| Written::parse_for(v, "%", true).unwrap()),
        change: change.map(String::from),
        note: note.map(String::from),
    }
}

#[test]
fn entries_are_written_as_the_report_writes_them() {
    assert_eq!(entry_text(&row(Some("90%以上"), None, None)), "claim_rate: 90%以上");
    assert_eq!(entry_text(&row(Some("21.10"), None, None)), "claim_rate: 21.10");
    assert_eq!(entry_text(&row(Some(" 约 3万 "), None, None)), "claim_rate: 约3万");
    assert_eq!(
        entry_text(&row(Some("87.21"), Some("同比提升20.68%"), Some("see table 1, row 3"))),
        "claim_rate: { value: 87.21, change: 同比提升20.68%, note: \"see table 1, row 3\" }"
    );
    assert_eq!(entry_text(&row(None, Some("+3pp"), None)), "claim_rate: { change: +3pp }");
}
