//! A deterministic synthetic corpus of annual reports, for benchmarks.
//!
//! `N` organisations × `Y` years of reports that look like the real ones: Chinese prose with
//! 一、/(一) headings, paragraphs full of figures, a list, a table and now and then a code
//! block; 30 catalogue indicators (rates, counts, amounts), some stated changes, some
//! indicators first reported in a later year. The same content can be written as an annalist
//! site, a Zola site or a Hugo site, so the three tools build equivalent work.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// The shape of a corpus.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Number of organisations.
    pub entities: usize,
    /// Years per organisation.
    pub years: usize,
    /// The random seed: the same seed gives the same bytes.
    pub seed: u64,
}

/// Which tool the site is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Annalist,
    Zola,
    Hugo,
}

/// A small deterministic generator (SplitMix64): no dependency, same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// The kinds of figure the catalogue has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rate,
    Count,
    Amount,
}

/// The 30 catalogue indicators: id, label, unit, kind, better, group.
const INDICATORS: [(&str, &str, &str, Kind, &str, &str); 30] = [
    ("one_window_rate", "政务服务“一窗”受理率", "%", Kind::Rate, "higher", "政务服务"),
    ("online_service_rate", "政务服务网上可办率", "%", Kind::Rate, "higher", "政务服务"),
    ("one_trip_rate", "“最多跑一次”事项占比", "%", Kind::Rate, "higher", "政务服务"),
    ("service_items", "进驻政务服务事项", "项", Kind::Count, "higher", "政务服务"),
    ("certificates_cleared", "清理证明事项", "项", Kind::Count, "higher", "政务服务"),
    ("normative_docs_filed", "规范性文件备案审查", "件", Kind::Count, "neutral", "依法决策"),
    ("legal_review_rate", "重大决策合法性审查率", "%", Kind::Rate, "higher", "依法决策"),
    ("counsel_opinions", "法律顾问出具意见", "条", Kind::Count, "neutral", "依法决策"),
    ("hearings_held", "举行听证会", "场", Kind::Count, "higher", "依法决策"),
    ("enforcement_cases", "行政处罚案件", "件", Kind::Count, "neutral", "行政执法"),
    ("enforcement_fines", "罚没款", "万元", Kind::Amount, "neutral", "行政执法"),
    ("record_rate", "执法全过程记录率", "%", Kind::Rate, "higher", "行政执法"),
    ("inspections", "“双随机、一公开”抽查", "次", Kind::Count, "higher", "行政执法"),
    ("enforcers_trained", "执法人员培训", "人次", Kind::Count, "higher", "行政执法"),
    ("review_received", "收到行政复议申请", "件", Kind::Count, "neutral", "复议与应诉"),
    ("review_closed", "办结行政复议案件", "件", Kind::Count, "higher", "复议与应诉"),
    ("review_correction_rate", "行政复议纠错率", "%", Kind::Rate, "lower", "复议与应诉"),
    ("litigation_cases", "行政应诉案件", "件", Kind::Count, "lower", "复议与应诉"),
    ("appearance_rate", "负责人出庭应诉率", "%", Kind::Rate, "higher", "复议与应诉"),
    ("loss_rate", "行政诉讼败诉率", "%", Kind::Rate, "lower", "复议与应诉"),
    ("info_requests", "政府信息公开申请", "件", Kind::Count, "neutral", "政务公开"),
    ("info_published", "主动公开政府信息", "条", Kind::Count, "higher", "政务公开"),
    ("disclosure_rate", "依申请公开按时答复率", "%", Kind::Rate, "higher", "政务公开"),
    ("mediated_disputes", "人民调解化解纠纷", "件", Kind::Count, "higher", "矛盾化解"),
    ("mediation_success_rate", "调解成功率", "%", Kind::Rate, "higher", "矛盾化解"),
    ("legal_aid_cases", "办理法律援助案件", "件", Kind::Count, "higher", "矛盾化解"),
    ("legal_aid_spend", "法律援助经费", "万元", Kind::Amount, "higher", "矛盾化解"),
    ("hotline_calls", "12345热线诉求", "件", Kind::Count, "neutral", "矛盾化解"),
    ("hotline_satisfaction", "热线诉求满意率", "%", Kind::Rate, "higher", "矛盾化解"),
    ("training_spend", "法治培训经费", "万元", Kind::Amount, "higher", "队伍建设"),
];

const PROVINCES: [&str; 12] = [
    "河北省",
    "山西省",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "四川省",
];
const SYLLABLES: [&str; 24] = [
    "安", "平", "河", "城", "东", "西", "南", "北", "新", "兴", "阳", "山", "泉", "宁", "丰", "林", "清", "华", "昌",
    "定", "远", "桥", "源", "江",
];
const SECTIONS: [&str; 6] = [
    "深入学习贯彻习近平法治思想",
    "依法全面履行政府职能",
    "健全依法行政制度体系",
    "严格规范公正文明执法",
    "强化行政权力制约监督",
    "依法有效化解社会矛盾纠纷",
];
const SUBSECTIONS: [&str; 8] = [
    "压实法治建设第一责任",
    "优化法治化营商环境",
    "推进重大行政决策规范化",
    "深化行政执法体制改革",
    "提升行政复议工作质效",
    "加强政务公开标准化建设",
    "完善多元纠纷化解机制",
    "抓好领导干部学法用法",
];
const FILLER: [&str; 16] = [
    "全区上下坚持把法治政府建设摆在工作全局的重要位置，统筹谋划、同步部署、一体推进。",
    "各部门主要负责人切实履行推进法治建设第一责任人职责，年初有部署、年中有检查、年末有述职。",
    "围绕企业和群众反映强烈的堵点难点，持续推进审批流程再造，办事材料和办理时限进一步压减。",
    "坚持以公开为常态、不公开为例外，政策解读与回应关切同步推进，公众参与渠道更加畅通。",
    "严格落实行政执法公示、执法全过程记录和重大执法决定法制审核制度，执法行为更加规范。",
    "建立健全行政执法与刑事司法衔接机制，案件移送、信息共享和联席会议制度运行顺畅。",
    "深化“放管服”改革，推行告知承诺制，市场主体准入准营更加便利，营商环境持续改善。",
    "发挥行政复议化解行政争议主渠道作用，坚持办案与释法说理并重，案结事了比例稳步提高。",
    "落实行政机关负责人出庭应诉制度，出庭、出声、出效果的要求得到较好贯彻。",
    "推进公共法律服务实体、热线、网络平台融合发展，群众获得法律服务更加便捷高效。",
    "坚持和发展新时代“枫桥经验”，健全人民调解、行政调解、司法调解联动工作体系。",
    "把法治教育纳入干部教育培训总体规划，组织旁听庭审、专题讲座和法律知识考试。",
    "对照年度考核指标逐项梳理短板弱项，建立问题清单、任务清单和责任清单，实行销号管理。",
    "在看到成绩的同时也要清醒认识到，基层执法力量相对薄弱，执法人员专业能力仍需提升。",
    "下一步将以示范创建为抓手，补齐短板、巩固成果，推动法治政府建设再上新台阶。",
    "充分运用大数据、云计算等信息技术，推动“互联网+监管”与执法办案平台深度融合。",
];
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const TAGS: [&str; 8] =
    ["年度报告", "政务服务", "行政执法", "行政复议", "政务公开", "矛盾化解", "营商环境", "示范创建"];

/// One organisation of the corpus.
struct Entity {
    id: String,
    name: String,
    region: String,
}

/// One figure of a report: its text as written, and an optional stated change.
struct Figure {
    id: &'static str,
    text: String,
    change: Option<String>,
    approx: bool,
}

/// Writes the corpus for `flavour` into `out` (which should be empty or absent).
pub fn write(out: &Path, flavour: Flavour, spec: Spec) -> io::Result<usize> {
    let mut rng = Rng::new(spec.seed);
    fs::create_dir_all(out.join("content"))?;
    site_files(out, flavour)?;
    let mut written = 0;
    for e in 0..spec.entities {
        let entity = entity(&mut rng, e);
        let dir = out.join("content").join(&entity.id);
        fs::create_dir_all(&dir)?;
        fs::write(dir.join("_index.md"), entity_file(&entity, flavour))?;
        let mut previous: Vec<Option<f64>> = vec![None; INDICATORS.len()];
        // Some indicators are only reported from a later year on: a gap at the start.
        let starts: Vec<usize> =
            (0..INDICATORS.len()).map(|_| if rng.chance(15) { 1 + rng.below(3) as usize } else { 0 }).collect();
        for y in 0..spec.years {
            let year = 2015 + y as i32;
            let figures = figures(&mut rng, &mut previous, &starts, y);
            let body = body(&mut rng, &entity, year, &figures);
            let text = report_file(&mut rng, &entity, year, &figures, &body, flavour);
            fs::write(dir.join(format!("{year}.md")), text)?;
            written += 1;
        }
    }
    Ok(written)
}

fn entity(rng: &mut Rng, n: usize) -> Entity {
    let province = rng.pick(&PROVINCES);
    let city = format!("{}{}市", rng.pick(&SYLLABLES), rng.pick(&SYLLABLES));
    let county =
        format!("{}{}{}", rng.pick(&SYLLABLES), rng.pick(&SYLLABLES), if n.is_multiple_of(3) { "县" } else { "区" });
    Entity { id: format!("org-{n:05}"), name: format!("{province}{city}{county}"), region: province.to_string() }
}

/// This year's figures, walking on from last year's.
fn figures(rng: &mut Rng, previous: &mut [Option<f64>], starts: &[usize], y: usize) -> Vec<Figure> {
    let mut out = Vec::new();
    for (i, (id, _, _, kind, _, _)) in INDICATORS.iter().enumerate() {
        if y < starts[i] {
            continue;
        }
        let value = match (*kind, previous[i]) {
            (Kind::Rate, None) => 60.0 + rng.below(3900) as f64 / 100.0,
            (Kind::Rate, Some(p)) => (p + (rng.below(800) as f64 - 300.0) / 100.0).clamp(0.0, 100.0),
            (Kind::Count, None) => (10 + rng.below(5000)) as f64,
            (Kind::Count, Some(p)) => (p * (0.8 + rng.below(500) as f64 / 1000.0)).round().max(1.0),
            (Kind::Amount, None) => (100 + rng.below(90000)) as f64 / 10.0,
            (Kind::Amount, Some(p)) => (p * (0.8 + rng.below(500) as f64 / 1000.0) * 10.0).round() / 10.0,
        };
        let text = match kind {
            Kind::Rate => format!("{value:.2}"),
            Kind::Count => format!("{value:.0}"),
            Kind::Amount => format!("{value:.1}"),
        };
        // Parse back so the next year walks on from exactly what was written.
        let value: f64 = text.parse().expect("formatted number");
        let change = match previous[i] {
            Some(p) if p > 0.0 && rng.chance(8) => Some(match kind {
                Kind::Rate => format!("{:+.2}pp", value - p),
                _ => format!("{:+.0}%", ((value - p) / p * 100.0).round()),
            }),
            None if y > 0 && *kind == Kind::Count && rng.chance(30) => Some("+12%".to_string()),
            _ => None,
        };
        let approx = *kind == Kind::Count && rng.chance(3);
        previous[i] = Some(value);
        out.push(Figure { id, text, change, approx });
    }
    out
}

/// About 6 KB of Chinese Markdown that mentions every figure.
fn body(rng: &mut Rng, e: &Entity, year: i32, figures: &[Figure]) -> String {
    let mut s = String::with_capacity(8192);
    let _ =
        writeln!(s, "{year}年，{}在上级党委、政府的坚强领导下，深入推进法治政府建设，各项工作取得新进展。\n", e.name);
    let per_section = figures.len().div_ceil(SECTIONS.len());
    for (n, chunk) in figures.chunks(per_section.max(1)).enumerate() {
        let _ = writeln!(s, "## {}、{}\n", NUMERALS[n], SECTIONS[n % SECTIONS.len()]);
        for (k, part) in chunk.chunks(chunk.len().div_ceil(2).max(1)).enumerate() {
            let _ = writeln!(s, "### （{}）{}\n", NUMERALS[k], rng.pick(&SUBSECTIONS));
            s.push_str(rng.pick(&FILLER));
            for f in part {
                let (_, label, unit, ..) = INDICATORS.iter().find(|i| i.0 == f.id).expect("catalogue id");
                let more = if f.approx { "余" } else { "" };
                let _ = write!(s, "全年{label}{}{more}{unit}，", f.text);
            }
            s.push_str(rng.pick(&FILLER));
            s.push_str(rng.pick(&FILLER));
            s.push_str("\n\n");
        }
        if n == 1 {
            for _ in 0..4 {
                let _ = writeln!(s, "- {}", rng.pick(&FILLER));
            }
            s.push('\n');
        }
        if n == 2 {
            s.push_str("| 事项 | 数量 | 说明 |\n|---|---:|---|\n");
            for f in part_of(chunk, 4) {
                let _ = writeln!(s, "| {} | {} | {} |", label_of(f.id), f.text, rng.pick(&SUBSECTIONS));
            }
            s.push('\n');
        }
    }
    if rng.chance(10) {
        s.push_str("```yaml\n# 数据报送格式示例\nreview_closed: 85\nappearance_rate: 100\n```\n\n");
    }
    for _ in 0..6 {
        s.push_str(rng.pick(&FILLER));
    }
    s.push('\n');
    s
}

fn part_of(figures: &[Figure], n: usize) -> &[Figure] {
    &figures[..n.min(figures.len())]
}

fn label_of(id: &str) -> &'static str {
    INDICATORS.iter().find(|i| i.0 == id).map(|i| i.1).unwrap_or("")
}

fn title(e: &Entity, year: i32) -> String {
    format!("{}人民政府{year}年法治政府建设年度报告", e.name)
}

fn published(rng: &mut Rng, year: i32) -> String {
    format!("{}-{:02}-{:02}", year + 1, 1 + rng.below(3), 1 + rng.below(28))
}

fn report_file(rng: &mut Rng, e: &Entity, year: i32, figures: &[Figure], body: &str, flavour: Flavour) -> String {
    let date = published(rng, year);
    let tags = [rng.pick(&TAGS), "年度报告"];
    let mut s = String::with_capacity(body.len() + 2048);
    match flavour {
        Flavour::Annalist => {
            let _ = writeln!(s, "---\ntitle: {}\nyear: {year}\npublished: {date}", title(e, year));
            let _ = writeln!(s, "source: {}人民政府\ntags: [{}, {}]\nindicators:", e.name, tags[0], tags[1]);
            for f in figures {
                match (&f.change, f.approx) {
                    (None, false) => {
                        let _ = writeln!(s, "  {}: {}", f.id, f.text);
                    }
                    (Some(c), _) => {
                        let _ = writeln!(s, "  {}: {{ value: {}, change: \"{c}\" }}", f.id, f.text);
                    }
                    (None, true) => {
                        let _ = writeln!(s, "  {}: {{ value: {}, approx: true }}", f.id, f.text);
                    }
                }
            }
            s.push_str("---\n");
        }
        Flavour::Zola => {
            let _ = writeln!(s, "+++\ntitle = \"{}\"\ndate = {date}\n\n[extra]\nyear = {year}", title(e, year));
            let _ = writeln!(
                s,
                "source = \"{}人民政府\"\ntags = [\"{}\", \"{}\"]\n\n[extra.indicators]",
                e.name, tags[0], tags[1]
            );
            for f in figures {
                let _ = writeln!(s, "{} = {}", f.id, f.text);
            }
            s.push_str("+++\n");
        }
        Flavour::Hugo => {
            let _ = writeln!(s, "---\ntitle: {}\ndate: {date}\nyear: {year}", title(e, year));
            let _ = writeln!(s, "source: {}人民政府\nreport_tags: [{}, {}]\nindicators:", e.name, tags[0], tags[1]);
            for f in figures {
                let _ = writeln!(s, "  {}: {}", f.id, f.text);
            }
            s.push_str("---\n");
        }
    }
    s.push_str(body);
    s
}

fn entity_file(e: &Entity, flavour: Flavour) -> String {
    let text = format!("{}位于{}，本站收录其历年法治政府建设年度报告。\n", e.name, e.region);
    match flavour {
        Flavour::Annalist => {
            format!("---\nname: {}\nregion: {}\nlevel: district\n---\n{text}", e.name, e.region)
        }
        Flavour::Zola => format!(
            "+++\ntitle = \"{}\"\nsort_by = \"date\"\n\n[extra]\nregion = \"{}\"\n+++\n{text}",
            e.name, e.region
        ),
        Flavour::Hugo => format!("---\ntitle: {}\nregion: {}\n---\n{text}", e.name, e.region),
    }
}

/// The site's settings, catalogue and (for Zola and Hugo) minimal equivalent templates.
fn site_files(out: &Path, flavour: Flavour) -> io::Result<()> {
    match flavour {
        Flavour::Annalist => {
            fs::write(
                out.join("site.yaml"),
                "title: 法治政府建设年度报告（基准语料）\nbase_url: https://example.org/reports/\nlanguage: zh-CN\n",
            )?;
            let mut cat = String::new();
            for (id, label, unit, kind, better, group) in INDICATORS {
                let kind = match kind {
                    Kind::Rate => "rate",
                    Kind::Count => "count",
                    Kind::Amount => "amount",
                };
                let _ = writeln!(
                    cat,
                    "{id}:\n  label: \"{label}\"\n  unit: \"{unit}\"\n  kind: {kind}\n  better: {better}\n  group: {group}\n"
                );
            }
            fs::write(out.join("content/indicators.yaml"), cat)
        }
        Flavour::Zola => {
            fs::write(
                out.join("config.toml"),
                "base_url = \"https://example.org/reports\"\ntitle = \"法治政府建设年度报告（基准语料）\"\n\
                 default_language = \"zh\"\ncompile_sass = false\nbuild_search_index = false\n",
            )?;
            fs::write(out.join("content/_index.md"), "+++\ntitle = \"法治政府建设年度报告\"\n+++\n")?;
            let t = out.join("templates");
            fs::create_dir_all(&t)?;
            fs::write(t.join("base.html"), ZOLA_BASE)?;
            fs::write(t.join("index.html"), ZOLA_INDEX)?;
            fs::write(t.join("section.html"), ZOLA_SECTION)?;
            fs::write(t.join("page.html"), ZOLA_PAGE)
        }
        Flavour::Hugo => {
            fs::write(
                out.join("config.yaml"),
                "baseURL: https://example.org/reports/\ntitle: 法治政府建设年度报告（基准语料）\nlanguageCode: zh-CN\n\
                 disableKinds: [taxonomy, term, RSS]\n",
            )?;
            let l = out.join("layouts/_default");
            fs::create_dir_all(&l)?;
            fs::write(l.join("baseof.html"), HUGO_BASE)?;
            fs::write(l.join("list.html"), HUGO_LIST)?;
            fs::write(l.join("single.html"), HUGO_SINGLE)?;
            fs::write(out.join("layouts/index.html"), HUGO_LIST)
        }
    }
}

const ZOLA_BASE: &str = r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title></head>
<body><main>{% block content %}{% endblock %}</main></body></html>
"#;
const ZOLA_INDEX: &str = r#"{% extends "base.html" %}{% block content %}<h1>{{ config.title }}</h1><ul>
{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{{ sub.title }}</a></li>{% endfor %}
</ul>{% endblock %}
"#;
const ZOLA_SECTION: &str = r#"{% extends "base.html" %}{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>
{% for p in section.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> {{ p.date }}</li>{% endfor %}
</ul>{% endblock %}
"#;
const ZOLA_PAGE: &str = r#"{% extends "base.html" %}{% block title %}{{ page.title }}{% endblock %}{% block content %}<article><h1>{{ page.title }}</h1>
<p>{{ page.extra.source }} · {{ page.date }}</p>
<table><thead><tr><th>指标</th><th>数值</th></tr></thead><tbody>
{% for id, v in page.extra.indicators %}<tr><th scope="row">{{ id }}</th><td>{{ v }}</td></tr>{% endfor %}
</tbody></table>
{{ page.content | safe }}</article>{% endblock %}
"#;
const HUGO_BASE: &str = r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
"#;
const HUGO_LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}
</ul>{{ end }}
"#;
const HUGO_SINGLE: &str = r#"{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Params.source }} · {{ .Date.Format "2006-01-02" }}</p>
<table><thead><tr><th>指标</th><th>数值</th></tr></thead><tbody>
{{ range $id, $v := .Params.indicators }}<tr><th scope="row">{{ $id }}</th><td>{{ $v }}</td></tr>{{ end }}
</tbody></table>
{{ .Content }}</article>{{ end }}
"#;
