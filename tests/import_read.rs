//! `annalist import` reading each kind of published report: Word's automatic numbering, PDFs
//! (CJK fonts, tables, encryption), the metadata government pages carry, and the documents it
//! cannot read — each refused naming the file, with exit 1 and nothing written.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture of tests/fixtures/import.
fn doc(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(rel)
}

fn import(site: &Path, args: &[&str]) -> Output {
    let mut all = vec!["import", "--root", site.to_str().unwrap()];
    all.extend_from_slice(args);
    annalist(&all)
}

/// Imports a document into a new organisation's folder and returns the draft written.
fn draft_of(site: &Path, entity: &str, file: &Path) -> String {
    let o = import(site, &["--entity", entity, file.to_str().unwrap()]);
    assert!(o.status.success(), "{}: {}", file.display(), String::from_utf8_lossy(&o.stderr));
    let folder = site.join("content").join(entity);
    let draft = fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).find(|p| !p.ends_with("_index.md"));
    fs::read_to_string(draft.expect("a draft")).unwrap()
}

fn assert_has(draft: &str, lines: &[&str]) {
    for line in lines {
        assert!(draft.contains(line), "missing {line:?} in\n{draft}");
    }
}

/// Whether pdftotext runs here; PDF tests say so and pass when it is missing.
fn have_pdftotext(test: &str) -> bool {
    let ok = Command::new("pdftotext").arg("-v").output().is_ok();
    if !ok {
        eprintln!("{test}: skipped, pdftotext (poppler-utils) is not installed");
    }
    ok
}

#[test]
fn word_automatic_numbering_gives_the_headings_their_numbers() {
    let (_dir, site) = sample_site_copy();
    let draft = draft_of(&site, "mouxian", &doc("docx/numbered.docx"));
    assert_has(
        &draft,
        &[
            "title: \"某县人民政府关于2022年度法治政府建设情况的报告\"",
            "year: 2022",
            "draft: true",
            "\n## 一、主要举措和成效\n",
            "\n### （一）深化行政复议体制改革\n",
            "\n### （二）推进政务公开\n",
            "\n#### 1.主动公开\n",
            "\n#### 2.依申请公开\n",
            "\n## 二、存在的不足和原因\n",
            "| 行政复议申请 | 85 | 76 |",
        ],
    );
    // The title paragraph is the title, not also the body's first line.
    let body = draft.rsplit("\n---\n").next().unwrap();
    assert!(!body.contains("某县人民政府关于2022年度"), "{body}");
}

#[test]
fn a_government_page_gives_its_cms_metadata_and_no_chrome() {
    let (_dir, site) = sample_site_copy();
    let draft = draft_of(&site, "changning", &doc("html/xxgk.html"));
    assert_has(
        &draft,
        &[
            "title: \"长宁区人民政府关于2022年度法治政府建设情况的报告\"",
            "year: 2022",
            // The publication date, not the date the text was signed (the 成文日期 2023-03-20).
            "published: 2023-03-28",
            "source: \"长宁区司法局\"",
            "source_url: \"https://www.cnq.example.gov.cn/xxgk/fzzf/202303/t20230328_1.html\"",
            "## 一、主要举措和成效",
            "全年办理政务服务事项38.6万件",
            "| 行政复议申请 | 145 | 128 |",
        ],
    );
    let body = draft.rsplit("\n---\n").next().unwrap();
    for chrome in
        ["索引号", "索 引 号", "您现在的位置", "分享到", "打印", "相关链接", "ICP", "联系电话", "关闭窗口", "2021年度"]
    {
        assert!(!body.contains(chrome), "{chrome} in\n{body}");
    }
    let index = fs::read_to_string(site.join("content/changning/_index.md")).unwrap();
    assert!(index.contains("name: \"长宁区\""), "{index}");
}

#[test]
fn a_title_tag_loses_the_sites_name_and_a_logo_heading_is_not_the_title() {
    let (_dir, site) = sample_site_copy();
    let page = site.join("report.html");
    fs::write(
        &page,
        "<html><head><meta charset=\"utf-8\"><title>北京市延庆区人民政府2022年法治政府建设年度情况报告 - 北京市延庆区人民政府网站</title></head>\
         <body><h1>北京市延庆区人民政府网站</h1><div class=\"info\">发布时间：2023年03月29日 信息来源：延庆区司法局</div>\
         <div class=\"content\"><p>2022年，延庆区深入推进依法行政，全年办结行政复议案件85件，纠错率18%，法治政府建设取得积极成效。</p></div></body></html>",
    )
    .unwrap();
    let o = import(&site, &["--stdout", page.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let draft = String::from_utf8_lossy(&o.stdout);
    assert_has(
        &draft,
        &[
            "title: \"北京市延庆区人民政府2022年法治政府建设年度情况报告\"",
            "year: 2022",
            "published: 2023-03-29",
            "source: \"延庆区司法局\"",
        ],
    );
}

#[test]
fn scraped_news_pages_get_their_title_year_date_and_publisher() {
    let (_dir, site) = sample_site_copy();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/seeds");
    let cases = [
        // A newspaper page: title and subtitle below a teaser, the paper's section after its name.
        (
            "003_3cdd26ce39aa6b6f.txt",
            "tongzhou",
            [
                "\"凝聚履职合力只为群众更满意——北京城市副中心绘就法治政府建设新画卷\"",
                "2022",
                "2023-02-07",
                "\"法治日报\"",
            ],
        ),
        // No year in the title: a review published in January is on the year before.
        (
            "000_5e73c12dc8b2966f.txt",
            "yanqing",
            ["\"我区成功创建全国法治政府建设示范区\"", "2022", "2023-01-16", "\"延庆区融媒体中心\""],
        ),
        // A year further in ("自2021年…") is not the year; a half-width colon in the title is made full-width.
        (
            "002_32960c0c910986fc.txt",
            "wulingyuan",
            ["\"武陵源区：法治政府建设绽放新动能\"", "2022", "2022-09-27", "\"武陵源区融媒体中心\""],
        ),
    ];
    for (seed, entity, [title, year, published, source]) in cases {
        let o = import(&site, &["--stdout", "--entity", entity, seeds.join(seed).to_str().unwrap()]);
        assert!(o.status.success(), "{seed}: {}", String::from_utf8_lossy(&o.stderr));
        let draft = String::from_utf8_lossy(&o.stdout);
        let want = [
            format!("title: {title}\n"),
            format!("year: {year}\n"),
            format!("published: {published}\n"),
            format!("source: {source}\n"),
        ];
        for line in want {
            assert!(draft.contains(&line), "{seed}: {line}\n{draft}");
        }
    }
}

#[test]
fn gb18030_text_with_page_chrome_reads_its_metadata() {
    let (_dir, site) = sample_site_copy();
    let text = "首页 > 政务公开 > 法治政府\n某区人民政府2022年法治政府建设年度报告\n日期：2023-03-29 10:00  来源：某区司法局\n分享到：\n\n\
                2022年，某区全面推进依法行政，全年主动公开政府信息2450条，办结行政复议案件85件。\n\n京ICP备05060933号\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let file = site.join("gbk.txt");
    fs::write(&file, &gbk).unwrap();
    let draft = draft_of(&site, "mouqu", &file);
    assert_has(
        &draft,
        &[
            "title: \"某区人民政府2022年法治政府建设年度报告\"",
            "year: 2022",
            "published: 2023-03-29",
            "source: \"某区司法局\"",
            "全年主动公开政府信息2450条",
        ],
    );
    assert!(!draft.contains("ICP") && !draft.contains("分享"), "{draft}");
}

#[test]
fn a_pdf_made_from_gbk_text_reads_without_stray_spaces_and_says_how() {
    if !have_pdftotext("a_pdf_made_from_gbk_text_reads_without_stray_spaces_and_says_how") {
        return;
    }
    let (_dir, site) = sample_site_copy();
    let o = import(&site, &["--entity", "mouxian", doc("pdf/gbk.pdf").to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("pdftotext"), "says which reader was used");
    let draft = fs::read_to_string(site.join("content/mouxian/2022.md")).unwrap();
    assert_has(
        &draft,
        &[
            "title: \"某县人民政府2022年法治政府建设年度报告\"",
            "year: 2022",
            "全县主动公开政府信息2450条，受理政府信息公开申请136件",
        ],
    );
}

#[test]
fn a_table_in_a_pdf_is_read_row_by_row() {
    if !have_pdftotext("a_table_in_a_pdf_is_read_row_by_row") {
        return;
    }
    let (_dir, site) = sample_site_copy();
    let draft = draft_of(&site, "mouxian", &doc("pdf/table.pdf"));
    assert_has(
        &draft,
        &[
            "title: \"某县2022年法治政府建设年度报告\"",
            "\n## 一、主要工作\n",
            "| 指标 | 2022年 | 2021年 |",
            "| 行政复议申请 | 85 | 76 |",
            "| 行政应诉案件 | 67 | 71 |",
            "\n## 二、存在的不足\n",
        ],
    );
}

/// Writes a zip with these (name, bytes) entries.
fn zip_file(path: &Path, entries: &[(&str, &[u8])]) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn unreadable_documents_are_refused_naming_the_file_and_nothing_is_written() {
    let (dir, site) = sample_site_copy();
    let bad = dir.path().join("bad");
    fs::create_dir_all(&bad).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = bad.join(name);
        fs::write(&p, bytes).unwrap();
        p
    };
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend(std::iter::repeat_n(0u8, 600));
    let not_docx = bad.join("workbook.docx");
    zip_file(&not_docx, &[("xl/workbook.xml", b"<workbook/>")]);
    let huge = bad.join("huge.txt");
    fs::File::create(&huge).unwrap().set_len(51 << 20).unwrap();
    let page = "<html><body><nav><a href=\"/\">首页</a></nav><div class=\"footer\">版权所有 京ICP备05060933号</div></body></html>";
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("empty.txt", b""), "no report text"),
        (write("blank.md", b"\n  \n\n"), "no report text"),
        (write("chrome-only.html", page.as_bytes()), "no report text"),
        (write("garbage.txt", b"\x00\x01\x02\x03binary\x00\xff\xfe\x07\x08"), "binary data"),
        (write("old-word.docx", &ole), "old binary Word (.doc)"),
        (write("report.doc", &ole), "save it as .docx"),
        (not_docx.clone(), "not a Word document"),
        (write("truncated.docx", b"PK\x03\x04\x14\x00\x00\x00"), "not a readable .docx"),
        (write("plain.docx", "某区2022年法治政府建设年度报告".as_bytes()), "not a .docx"),
        (write("pdf-named.txt", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"), "a PDF file"),
        (huge.clone(), "more than the 50 MB"),
        (doc("pdf/scanned.pdf"), "OCR"),
        (doc("pdf/encrypted.pdf"), "password-protected"),
    ];
    let pdftotext =
        have_pdftotext("unreadable_documents_are_refused_naming_the_file_and_nothing_is_written (PDF cases)");
    let before = snapshot(&site);
    for (file, why) in cases {
        let name = file.file_name().unwrap().to_str().unwrap().to_owned();
        if name.ends_with(".pdf") && !pdftotext {
            continue;
        }
        let o = import(&site, &["--entity", "mouqu", "--year", "2022", file.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains(&name), "{name}: names the file: {stderr}");
        assert!(stderr.contains(why), "{name}: says {why:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
    assert_eq!(snapshot(&site), before, "nothing written");
}

#[test]
fn without_pdftotext_the_built_in_reader_reads_the_pdf_and_says_so() {
    let (_dir, site) = sample_site_copy();
    let o = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(["import", "--root", site.to_str().unwrap(), "--stdout", "--entity", "mouxian"])
        .arg(doc("pdf/gbk.pdf"))
        .env("PATH", "")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(stderr.contains("built-in PDF reader") && stderr.contains("pdftotext is not installed"), "{stderr}");
    let draft = String::from_utf8_lossy(&o.stdout);
    assert_has(&draft, &["year: 2022", "主动公开政府信息2450条"]);
    // An encrypted PDF is refused the same way with either reader.
    let o = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(["import", "--root", site.to_str().unwrap(), "--stdout", "--entity", "mouxian"])
        .arg(doc("pdf/encrypted.pdf"))
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("password-protected"));
}

/// pdftotext exits with status 3 when a PDF's permissions forbid copying its text (poppler
/// built to enforce them): a stand-in pdftotext that does so gets the message for that case.
#[cfg(unix)]
#[test]
fn a_pdf_whose_permissions_forbid_copying_says_so_and_what_to_do() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, site) = sample_site_copy();
    let bin = dir.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    let tool = bin.join("pdftotext");
    fs::write(&tool, "#!/bin/sh\necho 'Copying of text from this document is not allowed.' >&2\nexit 3\n").unwrap();
    fs::set_permissions(&tool, fs::Permissions::from_mode(0o755)).unwrap();
    let before = snapshot(&site);
    let o = Command::new(env!("CARGO_BIN_EXE_annalist"))
        .args(["import", "--root", site.to_str().unwrap(), "--entity", "mouxian", "--year", "2022"])
        .arg(doc("pdf/gbk.pdf"))
        .env("PATH", &bin)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("gbk.pdf") && stderr.contains("permissions forbid copying its text"), "{stderr}");
    assert!(stderr.contains("qpdf --decrypt") && !stderr.contains("cannot read ."), "{stderr}");
    assert_eq!(snapshot(&site), before, "nothing written");
}
