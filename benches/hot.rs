//! Criterion benches of the functions a build spends its time in: front-matter parsing,
//! Markdown rendering, the year-over-year computation and table, rendering a whole page, and
//! the search index.
//! They run on a generated site (bench/corpus.rs) of 20 organisations × 10 years.
//!
//! ```text
//! cargo bench --bench hot
//! ```

#[path = "../bench/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use annalist::compute;
use annalist::load::{self, LoadOptions};
use annalist::markdown;
use annalist::render::views::{tables, PageFields};
use annalist::render::Renderer;
use annalist::routes::{BaseUrl, PageKind};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::path::Path;

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let spec = corpus::Spec { entities: 20, years: 10, seed: 1 };
    corpus::write(dir.path(), corpus::Flavour::Annalist, spec).expect("the corpus is written");
    let site = load::load_site(dir.path(), &LoadOptions::default()).expect("the corpus loads");
    let report = &site.reports[site.reports.len() / 2];
    let rel = report.file.clone();
    let text = std::fs::read_to_string(dir.path().join(&rel)).expect("the report is readable");

    c.bench_function("front_matter/parse_report", |b| {
        b.iter(|| load::parse_report_text(black_box(Path::new(&rel)), black_box(&text), &site.catalogue).is_ok())
    });
    c.bench_function("markdown/render_body", |b| b.iter(|| markdown::render(black_box(&report.body.markdown))));
    c.bench_function("compute/whole_site_200_reports", |b| b.iter(|| compute::compute(black_box(&site))));

    let computed = compute::compute(&site);
    let theme = annalist::theme::load(dir.path(), "default", &site.config.language).expect("the default theme");
    c.bench_function("yoy_table/entity_5_years", |b| {
        let part = tables::YoySpan { years: 5, up_to: None, ids: None };
        let every_field = PageFields::ALL;
        b.iter(|| tables::yoy_table(&site, &computed, black_box(&report.entity), part, ("../", &theme.ui), every_field))
    });
    let renderer =
        Renderer::new(&site, &computed, &theme, &BaseUrl::new("https://example.org/")).expect("templates compile");
    let i = site.reports.len() / 2;
    c.bench_function("page/report", |b| b.iter(|| renderer.render(black_box(&PageKind::Report(i))).is_ok()));
    c.bench_function("page/entity", |b| b.iter(|| renderer.render(black_box(&PageKind::Entity(0))).is_ok()));
    let year = report.year;
    c.bench_function("page/year", |b| b.iter(|| renderer.render(black_box(&PageKind::Year(year, 0))).is_ok()));
    c.bench_function("search/plain_text_of_body", |b| {
        b.iter(|| annalist::search::plain_text(black_box(&report.body.markdown)))
    });
    c.bench_function("search/index_200_reports", |b| {
        b.iter(|| {
            let mut bytes = 0;
            annalist::search::write(black_box(&site), |_, text| {
                bytes += text.len();
                Ok::<(), ()>(())
            })
            .map(|_| bytes)
        })
    });
}

criterion_group! {
    name = hot;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(hot);
