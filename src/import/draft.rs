//! The draft report an import writes: front matter with the metadata found, `draft: true`, each
//! figure as the report writes it with its source sentence as a comment, the figures that match
//! no indicator as comments with a suggested catalogue entry, and the body as Markdown.

use super::body;
use super::figures::{Found, SuggestedIndicator};
use super::table::edit::flow_scalar;
use super::Document;
use std::fmt::Write as _;

/// What the draft says of itself beyond the document's own metadata.
#[derive(Debug, Clone, Default)]
pub struct DraftMeta {
    /// The report's title.
    pub title: String,
    /// The year reported on.
    pub year: i32,
    /// The publication date, YYYY-MM-DD.
    pub published: Option<String>,
    /// The publisher.
    pub source: Option<String>,
    /// The original's address.
    pub source_url: Option<String>,
}

/// The draft report's text.
pub fn draft_text(doc: &Document, meta: &DraftMeta, found: &Found) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", quoted(&body::full_width(&meta.title)));
    let _ = writeln!(out, "year: {}", meta.year);
    if let Some(date) = &meta.published {
        let _ = writeln!(out, "published: {date}");
    }
    if let Some(source) = &meta.source {
        let _ = writeln!(out, "source: {}", quoted(source));
    }
    if let Some(url) = &meta.source_url {
        let _ = writeln!(out, "source_url: {}", quoted(url));
    }
    out.push_str("tags: [\"年度报告\"]\ndraft: true\n");
    push_figures(&mut out, found);
    out.push_str("---\n");
    out.push_str(&body::markdown(&doc.blocks));
    out
}

/// The `indicators:` block: one line a figure, as written, with its sentence; then the figures
/// no indicator matched, as comments.
fn push_figures(out: &mut String, found: &Found) {
    out.push_str("indicators:\n");
    let mut seen = std::collections::HashSet::new();
    for f in &found.figures {
        if !seen.insert(f.indicator.as_str()) {
            // A second mention of the same indicator: kept as a comment for the author to choose.
            let _ = writeln!(out, "  # {}: {}    # 另见：{}", f.indicator, entry(f), comment(&f.sentence));
            continue;
        }
        let _ = writeln!(out, "  {}: {}    # 原文：{}", f.indicator, entry(f), comment(&f.sentence));
    }
    if !found.unmatched.is_empty() {
        out.push_str("  # 未对应目录指标的数字（如需收录，先在 content/indicators.yaml 中增加指标）：\n");
        for u in &found.unmatched {
            for s in &u.suggested {
                let _ = writeln!(
                    out,
                    "  #   {} {}    # 建议：{}    # 原文：{}",
                    u.value,
                    comment(&s.label),
                    suggestion(s),
                    comment(&u.sentence)
                );
            }
        }
    }
}

/// A suggested catalogue entry on one line, as `content/indicators.yaml` reads it once the
/// author takes the `#` away: each scalar quoted where YAML needs it ("%"), and `better:
/// neutral` for the author to decide.
pub(crate) fn suggestion(s: &SuggestedIndicator) -> String {
    format!(
        "{}: {{ label: {}, unit: {}, kind: {}, better: neutral }}",
        s.id,
        flow_scalar(&comment(&s.label)),
        flow_scalar(&s.unit),
        s.kind.name()
    )
}

/// A figure's entry: the value alone, or a flow map with its change and previous figure.
fn entry(f: &super::figures::FoundFigure) -> String {
    let keys: Vec<String> = [("value", &f.value), ("change", &f.change), ("previous", &f.previous)]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {v}")))
        .collect();
    match (&f.value, keys.len()) {
        (Some(v), 1) => v.clone(),
        _ => format!("{{ {} }}", keys.join(", ")),
    }
}

/// Text for a YAML comment: on one line.
fn comment(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::figures::find;
    use crate::import::Block;
    use crate::model::catalogue::{is_valid_id, Catalogue, Indicator, Kind};

    #[test]
    fn every_suggestion_uncommented_is_a_catalogue_entry() {
        let text = "行政执法人员参与率和职权履职率均100%，调整了8家单位900余项职权事项。\
                    新接收政府信息公开申请1865件，同比增长77%，办结1839件。\
                    办理“hotline: 12345#”热线工单300件，群众满意率98%，建立true工作站4个。";
        let doc = Document { blocks: vec![Block::Paragraph(text.into())], ..Document::default() };
        let found = find(&doc.blocks, &Catalogue::default());
        let draft = draft_text(&doc, &DraftMeta { title: "t".into(), year: 2023, ..DraftMeta::default() }, &found);
        let lines: Vec<&str> = draft.lines().filter_map(|l| l.split_once("建议：").map(|(_, s)| s)).collect();
        let expected: Vec<&SuggestedIndicator> = found.unmatched.iter().flat_map(|u| &u.suggested).collect();
        assert_eq!(lines.len(), expected.len());
        assert!(lines.len() >= 6, "{draft}");
        for (line, want) in lines.iter().zip(expected) {
            let entry: indexmap::IndexMap<String, Indicator> =
                serde_yaml::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}"));
            let (id, got) = entry.first().expect("one entry");
            assert!(is_valid_id(id), "{line}");
            assert_eq!((id, &got.label, &got.unit.text, got.kind), (&want.id, &want.label, &want.unit, want.kind));
        }
        assert!(lines.iter().any(|l| l.contains("unit: \"%\", kind: rate")), "{draft}");
        assert!(found.unmatched.iter().any(|u| u.suggested[0].kind == Kind::Rate));
    }
}
