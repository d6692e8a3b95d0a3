//! Thin entry point: parse the arguments and hand them to [`moodguide::start::main`], which runs
//! a command, line mode or the full-screen guide and says how it went (0 ok, 1 problems, 2 usage).

fn main() -> std::process::ExitCode {
    moodguide::start::main(&moodguide::cli::Cli::from_env())
}
