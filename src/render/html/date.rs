//! A publication date as the interface language writes it.

use crate::escape::escape_html_into;
use crate::theme::UiStrings;

/// A publication date (2022-03-29) as the language writes it (`date_format` with `{year}`,
/// `{month}` from `months` and `{day}`), in a `<time>` that keeps the date itself.
pub fn date(iso: &str, t: &UiStrings) -> String {
    let mut parts = iso.splitn(3, '-');
    let (year, month, day) = (parts.next(), parts.next(), parts.next());
    let month = month.and_then(|m| m.parse::<usize>().ok());
    let day = day.and_then(|d| d.parse::<u32>().ok());
    let name = month.and_then(|m| t.months.get(m.checked_sub(1)?));
    let text = match (year, name, day) {
        (Some(y), Some(m), Some(d)) => {
            fill(&t.date_format, &[("{year}", y), ("{month}", m), ("{day}", &d.to_string())])
        }
        _ => iso.to_string(),
    };
    let mut h = String::from("<time datetime=\"");
    escape_html_into(&mut h, iso);
    h.push_str("\">");
    escape_html_into(&mut h, &text);
    h.push_str("</time>");
    h
}

/// `format` with each placeholder of `values` (`{year}` …) replaced by its value, in one pass:
/// every report listed anywhere shows its date, and three `replace` calls made three strings.
fn fill(format: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(format.len() + 16);
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        match values.iter().find(|(name, _)| rest.starts_with(name)) {
            Some((name, value)) => {
                out.push_str(value);
                rest = &rest[name.len()..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let values = [("{year}", "2022"), ("{month}", "{day}"), ("{day}", "9")];
        assert_eq!(fill("{day} {month} {year}", &values), "9 {day} 2022", "a value is not filled again");
        assert_eq!(fill("{x} {{year}} {", &values), "{x} {2022} {");
        assert_eq!(fill("", &values), "");
    }

    #[test]
    fn dates_are_written_as_the_language_writes_them() {
        let mut t = UiStrings {
            date_format: "{year}年{month}月{day}日".into(),
            months: std::array::from_fn(|i| (i + 1).to_string()),
            ..UiStrings::default()
        };
        assert_eq!(date("2022-03-29", &t), "<time datetime=\"2022-03-29\">2022年3月29日</time>");
        t.date_format = "{day} {month} {year}".into();
        t.months[2] = "March".into();
        assert_eq!(date("2022-03-09", &t), "<time datetime=\"2022-03-09\">9 March 2022</time>");
        // No such month: the date as written rather than a wrong month.
        assert_eq!(date("2022-13-09", &t), "<time datetime=\"2022-13-09\">2022-13-09</time>");
        assert_eq!(date("2022-00-09", &t), "<time datetime=\"2022-00-09\">2022-00-09</time>");
    }
}
