//! The `indicators:` block of a new report: the figures the latest earlier report gave, each
//! to be filled in anew, and the rest of the catalogue compactly, one comment line per group.

use super::one_line;
use crate::model::Catalogue;
use std::fmt::Write;

/// Writes one line per indicator of `figures` (what the report of `last_year` gave, as written)
/// that the catalogue knows: the key with an empty value (a gap until the author types this
/// year's figure, never last year's copied) and last year's figure in a comment. Returns the
/// ids written.
pub(super) fn prefilled(
    t: &mut String,
    zh: bool,
    catalogue: &Catalogue,
    last_year: i32,
    figures: &[(String, String)],
) -> Vec<String> {
    if zh {
        let _ = writeln!(
            t,
            "  # 以下是{last_year}年报告给出的指标：冒号后填本年报告的数字，照报告的写法（85、31.5万、1500余、{{ value: 151, change: 同比增长12% }}）；\n  # 行末注释是{last_year}年报告的原文，不是本年的数字。本年报告没有给出的留空或删去该行，不要填 0。"
        );
    } else {
        let _ = writeln!(
            t,
            "  # The indicators the {last_year} report gave: after each colon, type this year's figure as the report writes it;\n  # the comment is the {last_year} report's figure, not this year's. Leave empty or remove what this report does not give, never 0."
        );
    }
    let known: Vec<&(String, String)> = figures.iter().filter(|(id, _)| catalogue.get(id).is_some()).collect();
    let width = known.iter().map(|(id, _)| id.len()).max().unwrap_or(0) + 4;
    let mut given: Vec<String> = Vec::new();
    for (id, written) in known {
        if given.contains(id) {
            continue;
        }
        let key = format!("{id}:");
        let written = one_line(written);
        if zh {
            let _ = writeln!(t, "  {key:<width$} # {last_year}年：{written}");
        } else {
            let _ = writeln!(t, "  {key:<width$} # {last_year}: {written}");
        }
        given.push(id.clone());
    }
    let unknown: Vec<&str> =
        figures.iter().filter(|(id, _)| catalogue.get(id).is_none()).map(|(id, _)| id.as_str()).collect();
    if !unknown.is_empty() {
        let ids = one_line(&unknown.join(", "));
        if zh {
            let _ = writeln!(t, "  # {last_year}年报告中另有目录未收的指标（先加入目录才能填写）：{ids}");
        } else {
            let _ = writeln!(
                t,
                "  # The {last_year} report also gave indicators the catalogue lacks (add them to it first): {ids}"
            );
        }
    }
    given
}

/// Writes how to fill in the indicators when there is no earlier report to start from.
pub(super) fn how_to_fill(t: &mut String, zh: bool) {
    t.push_str(if zh {
        "  # 报告给出的每个数字写成一行“id: 数字”，照报告的写法（85、31.5万、1500余）；没有给出的不写，不要填 0。\n"
    } else {
        "  # Write one line `id: figure` for each figure the report gives, as it writes it; leave out the rest, never 0.\n"
    });
}

/// Writes the catalogue's indicators that are not in `given`, one comment line per group in
/// catalogue order: their ids, to add as keys when the report gives them.
pub(super) fn others(t: &mut String, zh: bool, catalogue: &Catalogue, given: &[String], after_given: bool) {
    let groups: Vec<(&str, Vec<&str>)> = catalogue
        .groups()
        .into_iter()
        .map(|(g, inds)| {
            (g, inds.into_iter().map(|i| i.id.as_str()).filter(|id| !given.iter().any(|g| g == id)).collect())
        })
        .filter(|(_, ids): &(&str, Vec<&str>)| !ids.is_empty())
        .collect();
    if groups.is_empty() {
        return;
    }
    t.push_str(match (zh, after_given) {
        (true, true) => "  # 目录中的其他指标（本年报告给出时，照上面的样子另起一行）：\n",
        (true, false) => "  # 目录中的指标，按分组：\n",
        (false, true) => {
            "  # The catalogue's other indicators (add a line like those above for each the report gives):\n"
        }
        (false, false) => "  # The catalogue's indicators, by group:\n",
    });
    for (group, ids) in groups {
        let group = match (group.trim().is_empty(), zh) {
            (false, _) => one_line(group),
            (true, true) => "（未分组）".to_string(),
            (true, false) => "(no group)".to_string(),
        };
        let sep = if zh { "：" } else { ": " };
        let _ = writeln!(t, "  # {group}{sep}{}", ids.join(", "));
    }
}
