//! The `annalist` command line.

use annalist::{build, BuildOptions, Error, Severity};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// A static site generator for annual reports, built around the year-over-year table.
#[derive(Parser)]
#[command(name = "annalist", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// The site folder (holding site.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/output].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish under this URL instead of site.yaml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include reports and pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
            let options = BuildOptions {
                root,
                output,
                base_url,
                drafts,
            };
            match build(&options) {
                Ok(summary) => {
                    for w in &summary.warnings {
                        eprintln!("{w}");
                    }
                    println!(
                        "built {} pages and {} other files in {:.2} s into {}{}",
                        summary.pages,
                        summary.files,
                        summary.elapsed.as_secs_f64(),
                        summary.output.display(),
                        match summary.warnings.len() {
                            0 => String::new(),
                            n => format!(" ({n} warning(s))"),
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => report(&e),
            }
        }
    }
}

fn report(e: &Error) -> ExitCode {
    match e {
        Error::Site(diagnostics) => {
            for d in diagnostics {
                eprintln!("{d}");
            }
            let errors = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            eprintln!("error: the site was not built: {errors} error(s); the previous output is unchanged");
        }
        other => eprintln!("error: {other}"),
    }
    ExitCode::from(1)
}
