//! Entry points for the fuzz targets in `fuzz/` and for the regression tests that replay the
//! inputs they found. Each runs one stage of the pipeline on arbitrary text; errors are fine,
//! panics, hangs and stack overflows are not.

use crate::compute;
use crate::load::{self, frontmatter, spans};
use crate::markdown::shortcodes;
use crate::model::{Better, Body, Catalogue, Entity, Figure, Indicator, Kind, Report, Site, SiteConfig};
use crate::render::Renderer;
use crate::routes::{BaseUrl, PageKind};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn catalogue() -> Catalogue {
    let mut c = Catalogue::default();
    for (id, kind, better) in [
        ("admin_review_closed", Kind::Count, Better::Neutral),
        ("admin_review_correction_rate", Kind::Rate, Better::Lower),
        ("relief_funds", Kind::Amount, Better::Higher),
    ] {
        c.indicators.insert(
            id.into(),
            Indicator {
                id: id.into(),
                label: id.into(),
                label_en: String::new(),
                unit: "件".into(),
                kind,
                better,
                group: "组".into(),
                description: String::new(),
                ratio: None,
                aliases: Vec::new(),
                breaks: Default::default(),
            },
        );
    }
    c
}

/// Splits and parses `text` as the report file `content/x/2021.md`.
pub fn parse_report(text: &str) {
    let file = Path::new("content/x/2021.md");
    if let Ok(split) = frontmatter::split(file, text) {
        let _ = spans::parse(split.yaml, split.yaml_line);
    }
    let _ = load::parse_report_text(file, text, &catalogue());
}

/// Cuts the shortcodes out of `text` and puts made-up output back in.
pub fn shortcodes(text: &str) {
    if let Ok(e) = shortcodes::extract(text) {
        let outputs: Vec<String> = (0..e.calls.len()).map(|n| format!("<b>{n}</b>")).collect();
        let _ = shortcodes::substitute(&e.text, &outputs);
        let _ = e.original_offset(text.len());
    }
}

/// Renders the report page of a one-report site whose body is `text`.
pub fn render_body(text: &str) {
    static THEME: OnceLock<crate::theme::Theme> = OnceLock::new();
    let theme = THEME.get_or_init(|| {
        crate::theme::load(Path::new("/nonexistent/annalist-fuzz-site"), "default", "zh-CN").expect("built-in theme")
    });
    let site = one_report_site(text);
    let computed = compute::compute(&site);
    let Ok(renderer) = Renderer::new(&site, &computed, theme, &BaseUrl::new(&site.config.base_url)) else { return };
    let _ = renderer.render(&PageKind::Report(0));
    let _ = renderer.render(&PageKind::Entity(0));
}

fn one_report_site(body: &str) -> Site {
    let config: SiteConfig =
        serde_yaml::from_str("title: 模糊测试\nbase_url: https://example.org/r/\n").expect("a valid config");
    let mut indicators = crate::model::ById::default();
    indicators.insert("admin_review_closed".into(), Figure::plain(85.into()));
    indicators.insert("admin_review_correction_rate".into(), Figure::plain(rust_decimal::Decimal::new(2108, 2)));
    Site {
        root: PathBuf::from("/nonexistent/annalist-fuzz-site"),
        config,
        catalogue: catalogue(),
        entities: vec![Entity {
            id: "x".into(),
            name: "某区".into(),
            short_name: "某区".into(),
            region: String::new(),
            level: String::new(),
            website: None,
            search: true,
            extra: Default::default(),
            body: Body::default(),
            file: PathBuf::from("content/x/_index.md"),
        }],
        reports: vec![Report {
            entity: "x".into(),
            year: 2021,
            title: "报告".into(),
            published: None,
            source: None,
            source_url: None,
            tags: vec!["标签".into()],
            draft: false,
            search: true,
            indicators,
            indicators_pos: Default::default(),
            extra: Default::default(),
            body: Body { markdown: body.to_string(), line: 1 },
            file: PathBuf::from("content/x/2021.md"),
        }],
        pages: Vec::new(),
        home: None,
    }
}
