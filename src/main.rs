use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(caselint::cli::main_with_args())
}
