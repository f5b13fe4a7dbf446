//! The data files: every figure of the site in long form, as CSV (UTF-8 with BOM, so
//! spreadsheets show Chinese) and JSON, site-wide and per entity.

use crate::compute::yoy::{Observation, Origin};
use crate::compute::Computed;
use crate::model::{AsWritten, Bound, Indicator, Site};
use crate::routes::push_report_path;
use serde::Serialize;
use serde_json::value::RawValue;
use std::fmt::Write as _;

/// One figure in long form. (The JSON file writes it field by field, [`push_json_row`]; its
/// `Serialize` is what a test holds that to.)
#[derive(Debug, Clone, Serialize)]
pub struct Row<'a> {
    /// Entity id.
    pub entity: &'a str,
    /// Entity name.
    pub entity_name: &'a str,
    /// Year.
    pub year: i32,
    /// Indicator id.
    pub indicator: &'a str,
    /// Indicator label.
    pub label: &'a str,
    /// The value as an exact JSON number (written with its own digits).
    pub value: Box<RawValue>,
    /// Unit.
    pub unit: &'a str,
    /// Flags: approx, below, above, cumulative, derived.
    pub flags: Vec<&'static str>,
    /// The change the report states.
    pub stated_change: Option<&'a str>,
    /// The author's note.
    pub note: Option<&'a str>,
    /// The page the figure comes from (for derived values, the page stating the change).
    pub source_page: String,
    /// The number as the report writes it where that is more than its digits ("31.5万",
    /// "1500余", "90%以上"); `value` has it in full.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
    /// The qualifier the value is written with (约 余 以上 …), or the one its flags stand for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<&'static str>,
    /// For a value derived from a stated change: the interval the stated figures allow, as
    /// exact JSON numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<[Box<RawValue>; 2]>,
}

/// Both site-wide data files, made one organisation at a time and handed to `emit_csv` and
/// `emit_json` piece by piece, so the rows of the whole site are never held at once (the files
/// of a big site run to tens of megabytes). Each organisation's rows are made once for both
/// files, and its own CSV is handed to `per_entity` on the way.
///
/// The JSON is `{"title", "base_url", "indicators", "figures"}`, one figure per line so the
/// file stays readable and small; values are JSON numbers written with their own digits.
pub fn site_files<E>(
    site: &Site,
    computed: &Computed,
    base_url: &str,
    mut emit_csv: impl FnMut(&str) -> Result<(), E>,
    mut emit_json: impl FnMut(&str) -> Result<(), E>,
    mut per_entity: impl FnMut(&crate::model::Entity, &str) -> Result<(), E>,
) -> Result<(), E> {
    emit_csv(CSV_HEADER)?;
    emit_json(&json_head(site, base_url))?;
    let mut rows = Vec::new();
    let (mut own, mut piece) = (String::new(), String::new());
    let mut first = true;
    for e in &site.entities {
        rows.clear();
        entity_rows(site, computed, base_url, e, &mut rows);
        own.clear();
        own.push_str(CSV_HEADER);
        push_csv_rows(&rows, &mut own);
        per_entity(e, &own)?;
        emit_csv(&own[CSV_HEADER.len()..])?;
        piece.clear();
        push_json_rows(&rows, &mut piece, &mut first);
        emit_json(&piece)?;
    }
    piece.clear();
    json_end(&mut piece, first);
    emit_json(&piece)
}

/// Every figure of one entity, by year and catalogue order, appended to `out`.
pub fn entity_rows<'a>(
    site: &'a Site,
    computed: &'a Computed,
    base_url: &str,
    e: &'a crate::model::Entity,
    out: &mut Vec<Row<'a>>,
) {
    // (year, place in the catalogue, indicator, value): sorted by the first two.
    let mut items: Vec<(i32, usize, &Indicator, &Observation)> = Vec::new();
    for (position, ind) in site.catalogue.indicators.values().enumerate() {
        if let Some(series) = computed.series(&e.id, &ind.id) {
            for (year, obs) in series {
                items.push((*year, position, ind, obs));
            }
        }
    }
    items.sort_unstable_by_key(|(y, p, _, _)| (*y, *p));
    for (year, _, ind, obs) in items {
        let mut flags = Vec::new();
        if obs.approx {
            flags.push("approx");
        }
        match obs.bound {
            Some(Bound::Below) => flags.push("below"),
            Some(Bound::Above) => flags.push("above"),
            None => {}
        }
        if obs.cumulative {
            flags.push("cumulative");
        }
        let page_year = match &obs.origin {
            Origin::Reported => year,
            Origin::Derived(d) => {
                flags.push("derived");
                d.from_year
            }
            Origin::Restated(from) => {
                flags.push("restated");
                *from
            }
        };
        let mut page = String::with_capacity(base_url.len() + e.id.len() + 6);
        page.push_str(base_url);
        push_report_path(&mut page, &e.id, page_year);
        out.push(Row {
            entity: &e.id,
            entity_name: &e.name,
            year,
            indicator: &ind.id,
            label: &ind.label,
            value: RawValue::from_string(crate::model::numbers::decimal_text(obs.value))
                .expect("a decimal is a valid JSON number"),
            unit: &ind.unit,
            flags,
            stated_change: obs.stated_change.as_ref().map(|c| c.text.as_str()),
            note: obs.note(),
            source_page: page,
            written: obs.written().map(|w| w.written()),
            qualifier: obs.qualifier().map(|q| q.text()),
            interval: match &obs.origin {
                Origin::Derived(d) => d.interval.map(|i| {
                    [i.low, i.high].map(|end| {
                        RawValue::from_string(crate::model::numbers::decimal_text(end))
                            .expect("a decimal is a valid JSON number")
                    })
                }),
                _ => None,
            },
        });
    }
}

/// The rows as CSV: UTF-8 with a byte order mark, CRLF line ends, fields quoted as needed.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::with_capacity(64 + rows.len() * 160);
    out.push_str(CSV_HEADER);
    push_csv_rows(rows, &mut out);
    out
}

/// The first line of every CSV file, after the byte order mark.
const CSV_HEADER: &str =
    "\u{feff}entity,entity_name,year,indicator,label,value,unit,flags,stated_change,note,source_page,written,qualifier,interval_low,interval_high\r\n";

/// Appends the rows to a CSV text.
fn push_csv_rows(rows: &[Row], out: &mut String) {
    let mut year = String::new();
    for r in rows {
        year.clear();
        let _ = write!(year, "{}", r.year);
        let flags = r.flags.join(";");
        let (low, high) = r.interval.as_ref().map_or(("", ""), |[l, h]| (l.get(), h.get()));
        let fields = [
            r.entity,
            r.entity_name,
            &year,
            r.indicator,
            r.label,
            r.value.get(),
            r.unit,
            &flags,
            r.stated_change.unwrap_or_default(),
            r.note.unwrap_or_default(),
            &r.source_page,
            r.written.as_deref().unwrap_or_default(),
            r.qualifier.unwrap_or_default(),
            low,
            high,
        ];
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if i == YEAR_COLUMN || i == VALUE_COLUMN || i >= INTERVAL_COLUMNS {
                // Numbers annalist wrote itself: left as they are, so the columns stay numbers.
                out.push_str(f);
            } else {
                out.push_str(&csv_field(f));
            }
        }
        out.push_str("\r\n");
    }
}

/// The column of [`CSV_HEADER`] that holds the year, a number.
const YEAR_COLUMN: usize = 2;
/// The column of [`CSV_HEADER`] that holds the value, a number written with its own digits.
const VALUE_COLUMN: usize = 5;
/// The first of the columns of [`CSV_HEADER`] that hold a derived value's interval, numbers.
const INTERVAL_COLUMNS: usize = 13;

/// A CSV text field, quoted when it holds a comma, quote or line break, and defused when a
/// spreadsheet would run it as a formula (OWASP's rule for CSV injection): a field starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, which spreadsheets
/// read as "this is text" and do not show. A stated change ("+77%", "+4.2pp") is text too: a
/// spreadsheet would read "+4.2pp" as a broken formula.
fn csv_field(f: &str) -> std::borrow::Cow<'_, str> {
    let formula = f.starts_with(['=', '+', '-', '@', '\t', '\r']);
    // The four are ASCII, so they are looked for byte by byte: no byte of a longer character is one.
    if f.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) || formula {
        let prefix = if formula { "'" } else { "" };
        format!("\"{prefix}{}\"", f.replace('"', "\"\"")).into()
    } else {
        f.into()
    }
}

/// The JSON document's head: the site's title and the catalogue.
#[derive(Serialize)]
struct Head<'a> {
    title: &'a str,
    base_url: &'a str,
    indicators: Vec<&'a crate::model::Indicator>,
}

/// The JSON document up to the opening of its figure list.
fn json_head(site: &Site, base_url: &str) -> String {
    let head = Head { title: &site.config.title, base_url, indicators: site.catalogue.indicators.values().collect() };
    let head = serde_json::to_string_pretty(&head).expect("data serialises");
    let mut out = head.trim_end().trim_end_matches('}').trim_end().to_string();
    out.push_str(",\n  \"figures\": [");
    out
}

/// Appends figures to the list; `first` says whether none came before.
fn push_json_rows(rows: &[Row], out: &mut String, first: &mut bool) {
    for r in rows {
        out.push_str(if *first { "\n    " } else { ",\n    " });
        *first = false;
        push_json_row(out, r);
    }
}

/// Appends `r` as serde_json writes a [`Row`], written out field by field: the site-wide file
/// has a line per figure, and serde_json escapes every string a byte at a time where nearly
/// none has anything to escape.
fn push_json_row(out: &mut String, r: &Row) {
    for (key, value) in [("{\"entity\":", r.entity), (",\"entity_name\":", r.entity_name)] {
        out.push_str(key);
        push_json_str(out, value);
    }
    let _ = write!(out, ",\"year\":{}", r.year);
    for (key, value) in [(",\"indicator\":", r.indicator), (",\"label\":", r.label)] {
        out.push_str(key);
        push_json_str(out, value);
    }
    out.push_str(",\"value\":");
    out.push_str(r.value.get());
    out.push_str(",\"unit\":");
    push_json_str(out, r.unit);
    out.push_str(",\"flags\":[");
    for (i, flag) in r.flags.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_str(out, flag);
    }
    out.push(']');
    for (key, value) in [(",\"stated_change\":", r.stated_change), (",\"note\":", r.note)] {
        out.push_str(key);
        match value {
            Some(v) => push_json_str(out, v),
            None => out.push_str("null"),
        }
    }
    out.push_str(",\"source_page\":");
    push_json_str(out, &r.source_page);
    for (key, value) in [(",\"written\":", r.written.as_deref()), (",\"qualifier\":", r.qualifier)] {
        if let Some(v) = value {
            out.push_str(key);
            push_json_str(out, v);
        }
    }
    if let Some([low, high]) = &r.interval {
        let _ = write!(out, ",\"interval\":[{},{}]", low.get(), high.get());
    }
    out.push('}');
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: only quotes, backslashes and
/// control characters are, so a string with none of them is copied between quotes.
fn push_json_str(out: &mut String, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(s).expect("a string serialises"));
    }
}

/// Closes the figure list and the document; `empty` when it has no figure.
fn json_end(out: &mut String, empty: bool) {
    out.push_str(if empty { "]\n}\n" } else { "\n  ]\n}\n" });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=cmd()"), "\"'=cmd()\"");
        assert_eq!(csv_field("+77%"), "\"'+77%\"");
        assert_eq!(csv_field("+4.2pp"), "\"'+4.2pp\"");
        assert_eq!(csv_field("-3"), "\"'-3\"");
        assert_eq!(csv_field("21.08"), "21.08");
        assert_eq!(csv_field("-cmd|' /C calc'!A0"), "\"'-cmd|' /C calc'!A0\"");
        assert_eq!(csv_field("+1+1"), "\"'+1+1\"");
        assert_eq!(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(csv_field("\tx"), "\"'\tx\"");
        assert_eq!(csv_field("\rx"), "\"'\rx\"");
        assert_eq!(csv_field("区,县"), "\"区,县\"");
    }

    #[test]
    fn rows_are_written_as_serde_json_writes_them() {
        let plain = Row {
            entity: "yanqing",
            entity_name: "北京市延庆区",
            year: 2021,
            indicator: "cases",
            label: "行政复议案件",
            value: RawValue::from_string("21.10".into()).unwrap(),
            unit: "件",
            flags: Vec::new(),
            stated_change: None,
            note: None,
            source_page: "https://example.org/r/yanqing/2021/".into(),
            written: None,
            qualifier: None,
            interval: None,
        };
        let every_escape: String = (0u8..0x80).map(char::from).chain(['年', '\u{7f}', '\u{2028}']).collect();
        let odd = Row {
            entity: "a\"b\\c",
            entity_name: &every_escape,
            year: -1,
            indicator: "x\ty",
            label: "<标签>\n",
            value: RawValue::from_string("-0.5".into()).unwrap(),
            unit: "\u{1}",
            flags: vec!["approx", "below", "derived"],
            stated_change: Some("+77%\""),
            note: Some("注\r\n"),
            source_page: "https://example.org/\"q\"/".into(),
            written: Some("31.5万\"".into()),
            qualifier: Some("余"),
            interval: Some(["268459", "269543"].map(|e| RawValue::from_string(e.into()).unwrap())),
        };
        for row in [plain, odd] {
            let mut out = String::new();
            push_json_row(&mut out, &row);
            assert_eq!(out, serde_json::to_string(&row).unwrap());
        }
    }

    #[test]
    fn derived_observations_are_flagged() {
        let o = Observation {
            origin: Origin::derived(2023, "+77%"),
            ..Observation::plain(rust_decimal::Decimal::from(1054))
        };
        assert!(o.is_derived());
    }
}
