//! The default theme is compiled into the binary (`include_dir!` in src/theme.rs), which does not
//! tell Cargo about the files it reads: without this, an edited template or stylesheet would
//! leave a stale binary until some Rust file changed.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
