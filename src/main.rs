//! The `annalist` command line.

use annalist::report::{self, Format};
use annalist::{BuildOptions, BuildSummary, Error};
use clap::{Args, Parser, Subcommand, ValueEnum};

/// A build allocates millions of small strings and maps; mimalloc serves them faster than the
/// system allocator across threads. It is built without transparent huge pages (`no_thp`):
/// with them a 10,000-report build peaked 10% higher, no faster.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A static site generator for annual reports, built around the year-over-year table.
#[derive(Parser)]
#[command(name = "annalist", version, about)]
struct Cli {
    /// How to print errors and warnings.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// Text with the source line and a caret.
    Human,
    /// One JSON object per line (for editors and CI).
    Json,
}

/// The starter catalogues `annalist init --catalogue` offers.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CatalogueArg {
    /// Six indicators, one or two per theme.
    Basic,
    /// The indicators 法治政府建设年度报告 state, with the wordings such reports use.
    #[value(alias = "法治政府")]
    Fazhi,
}

impl From<CatalogueArg> for annalist::author::StarterCatalogue {
    fn from(arg: CatalogueArg) -> Self {
        match arg {
            CatalogueArg::Basic => Self::Basic,
            CatalogueArg::Fazhi => Self::Fazhi,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site [default: <root>/output].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish under this URL instead of site.yaml's base_url.
        #[arg(long, value_parser = base_url_arg)]
        base_url: Option<String>,
    },
    /// Check everything a build checks, and write nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Preview the site: serve it from memory and reload open pages on every save.
    Serve {
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The address to listen on; anything but loopback lets other machines read the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// The port [default: 1111, or the next free one when it is busy].
        #[arg(long)]
        port: Option<u16>,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Include reports and pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Start a new site in DIR: settings, a catalogue and one example report, ready to build.
    Init {
        /// The folder for the new site (created if missing; must be empty if it exists).
        dir: PathBuf,
        /// The catalogue to start with: `basic` (six indicators to grow by hand) or `fazhi`
        /// (the indicators 法治政府建设年度报告 report, with the wordings `import` recognises).
        #[arg(long, value_enum, default_value_t = CatalogueArg::Basic)]
        catalogue: CatalogueArg,
    },
    /// Start a report: content/ENTITY/YEAR.md with the indicators the latest earlier report gave
    /// ready to fill in, that report's figures beside them, and the rest of the catalogue by group.
    New {
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The organisation's folder name under content/.
        entity: String,
        /// The year the report covers.
        year: i32,
    },
    /// Turn published reports (.txt .md .html .docx .pdf) into draft reports with their figures:
    /// content/ENTITY/YEAR.md, `draft: true`, never over a report that is there. A table of
    /// figures (.csv .xlsx: entity, year, indicator, value, change, note) is merged into the
    /// reports instead: figures added, none replaced; one that differs is listed.
    Import {
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The organisation's folder name, where the document does not say which it is.
        #[arg(long)]
        entity: Option<String>,
        /// The year reported on, where the document does not say.
        #[arg(long)]
        year: Option<i32>,
        /// The original's address, where the document does not give it.
        #[arg(long)]
        url: Option<String>,
        /// Print the drafts instead of writing them.
        #[arg(long)]
        stdout: bool,
        /// The documents.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Args)]
struct SiteArgs {
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Include reports and pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Fail (exit 1) when there are warnings.
    #[arg(long)]
    deny_warnings: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let format = match cli.format {
        OutputFormat::Json => Format::Json,
        OutputFormat::Human => Format::Human { color: std::io::stderr().is_terminal() },
    };
    let (options, checking) = match cli.command {
        Command::Init { dir, catalogue } => {
            return match annalist::author::init(&dir, catalogue.into()) {
                Ok(files) => {
                    println!("created a site in {} ({} files)", dir.display(), files.len());
                    println!("next: cd {} && annalist serve", dir.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, Path::new("."), format),
            };
        }
        Command::New { root, entity, year } => {
            return match annalist::author::new_report(&root, &entity, year) {
                Ok(rel) => {
                    println!("created {}", rel.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e, &root, format),
            };
        }
        Command::Import { root, entity, year, url, stdout, files } => {
            let options = annalist::import::ImportOptions { root: root.clone(), entity, year, url, stdout, files };
            return match annalist::import::import(&options) {
                Ok(outcomes) => {
                    for o in &outcomes {
                        match &o.result {
                            Ok(d) => {
                                if let Some(table) = &d.table {
                                    report::print(&table.warnings, &root, format);
                                    for merged in &table.reports {
                                        eprintln!("{}", merged.line());
                                    }
                                }
                            }
                            Err(annalist::Error::Site(diagnostics)) => report::print(diagnostics, &root, format),
                            Err(_) => {}
                        }
                    }
                    for o in &outcomes {
                        eprintln!("{}", o.line());
                    }
                    match outcomes.iter().filter(|o| !o.ok()).count() {
                        0 => ExitCode::SUCCESS,
                        failed => {
                            eprintln!("error: {failed} of {} file(s) not imported", outcomes.len());
                            ExitCode::from(1)
                        }
                    }
                }
                Err(e) => fail(&e, &root, format),
            };
        }
        Command::Build { site, output, base_url } => (options(site, output, base_url), false),
        Command::Check { site } => (options(site, None, None), true),
        Command::Serve { root, bind, port, open, drafts } => {
            let serve = annalist::serve::ServeOptions { root: root.clone(), bind, port, open, drafts };
            return match annalist::serve::serve(serve) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&e, &root, format),
            };
        }
    };
    let result = if checking { annalist::build::check(&options) } else { annalist::build(&options) };
    match result {
        Ok(summary) => {
            report::print(&summary.warnings, &options.root, format);
            println!("{}", summary_line(&summary, checking));
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, &options.root, format),
    }
}

/// `--base-url`, checked as site.yaml's `base_url` is: a bad one is wrong usage.
fn base_url_arg(url: &str) -> Result<String, String> {
    match annalist::model::config::base_url_problem(url) {
        Some(problem) => Err(format!("{problem}; write it like https://example.org/reports/")),
        None => Ok(url.to_string()),
    }
}

fn options(site: SiteArgs, output: Option<PathBuf>, base_url: Option<String>) -> BuildOptions {
    BuildOptions { root: site.root, output, base_url, drafts: site.drafts, deny_warnings: site.deny_warnings }
}

fn summary_line(s: &BuildSummary, checking: bool) -> String {
    let mut warnings = match s.warnings.len() {
        0 => String::new(),
        n => format!(" ({n} warning(s))"),
    };
    if s.reviewed > 0 {
        warnings.push_str(&format!(" ({} figure(s) marked reviewed: their warnings are not shown)", s.reviewed));
    }
    let rewritten = match &s.rewritten {
        Some(r) => format!(" ({} files written, {} unchanged, {} removed)", r.written, r.unchanged, r.removed),
        None => String::new(),
    };
    match &s.output {
        Some(out) if !checking => format!(
            "built {} pages and {} other files in {:.2} s into {}{rewritten}{warnings}",
            s.pages,
            s.files,
            s.elapsed.as_secs_f64(),
            out.display()
        ),
        _ => format!(
            "checked {} pages and {} other files in {:.2} s: no errors{warnings}",
            s.pages,
            s.files,
            s.elapsed.as_secs_f64()
        ),
    }
}

fn fail(e: &Error, root: &Path, format: Format) -> ExitCode {
    match e {
        Error::Site(diagnostics) => {
            report::print(diagnostics, root, format);
            let errors = diagnostics.iter().filter(|d| d.severity == annalist::Severity::Error).count();
            let warnings = diagnostics.len() - errors;
            let mut line = format!("error: {errors} error(s)");
            if warnings > 0 {
                line.push_str(&format!(" and {warnings} warning(s)"));
            }
            line.push_str("; nothing was written");
            if format == Format::Json {
                eprintln!("{}", report::json_summary(errors, warnings));
            } else {
                eprintln!("{line}");
            }
        }
        other => {
            if format == Format::Json {
                eprintln!("{}", report::json_error(&other.to_string()));
            } else {
                eprintln!("error: {other}");
            }
        }
    }
    ExitCode::from(1)
}
