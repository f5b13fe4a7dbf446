//! The chart of an indicator's page: a line for each organisation, from its computed series,
//! with the page's words.

use super::{chart, points, ChartText, Line};
use crate::compute::Computed;
use crate::model::numbers::LargeNumbers;
use crate::model::written::Magnitude;
use crate::model::{AsWritten, Entity, Indicator};
use crate::render::html::figure::notation;
use crate::theme::UiStrings;

/// The chart of `ind` over `years` (consecutive, oldest first), a line for each of `entities`,
/// titled with the indicator and its unit in `t`'s brackets; `None` where no organisation has
/// two years that can be compared ([`chart`]).
pub fn indicator_chart(
    computed: &Computed,
    ind: &Indicator,
    years: &[i32],
    entities: &[&Entity],
    t: &UiStrings,
) -> Option<String> {
    let lines: Vec<Line> = entities
        .iter()
        .map(|e| Line {
            name: &e.short_name,
            points: points(computed.series(&e.id, &ind.id), years, &computed.breaks(&e.id, ind)),
        })
        .collect();
    let title = if ind.unit.is_empty() {
        ind.label.clone()
    } else {
        format!("{}{}{}{}", ind.label, t.paren_open, ind.unit, t.paren_close)
    };
    let drawn = lines.iter().filter(|l| l.points.iter().any(|p| p.value.is_some())).count();
    let desc = t
        .chart_desc
        .replace("{lines}", &drawn.to_string())
        .replace("{first}", &years.first()?.to_string())
        .replace("{last}", &years.last()?.to_string());
    // A value the reports write in 万 is shown so in the tables whatever the catalogue says
    // (see `FigureText`): the gridlines follow.
    let in_wan = entities
        .iter()
        .filter_map(|e| computed.series(&e.id, &ind.id))
        .flat_map(|s| s.values())
        .any(|o| o.written().is_some_and(|w| w.magnitude != Magnitude::One));
    let notation =
        if in_wan && t.large_numbers == LargeNumbers::Chinese { LargeNumbers::Chinese } else { notation(&ind.unit, t) };
    let text = ChartText { title: &title, desc: &desc, unit: &ind.unit, notation, derived_key: &t.chart_derived };
    chart(years, &lines, ind.kind, &text)
}
