//! `chronicle completions SHELL` and `chronicle man`: generated from the
//! same definitions as the parser; and `--help` shows examples everywhere.

use crate::harness::bundled;

const COMMANDS: [&str; 8] = [
    "show",
    "neighbors",
    "path",
    "timeline",
    "stats",
    "sources",
    "completions",
    "man",
];

#[test]
fn bash_completion_knows_every_query_command_and_flag() {
    let run = bundled(&["completions", "bash"]).status(0).stderr_is("");
    let script = run.stdout();
    assert!(script.contains("_chronicle()"), "{script}");
    for word in COMMANDS
        .iter()
        .chain(&["--chronological", "--max-hops", "--rel", "--json"])
    {
        assert!(script.contains(word), "{word} missing");
    }
}

#[test]
fn every_shell_clap_knows_is_supported() {
    for (shell, mark) in [
        ("bash", "complete -F _chronicle"),
        ("zsh", "#compdef chronicle"),
        ("fish", "complete -c chronicle"),
        ("elvish", "edit:completion:arg-completer[chronicle]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        bundled(&["completions", shell]).status(0).stdout_has(mark);
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    bundled(&["completions", "tcsh"])
        .status(2)
        .stderr_has("invalid value 'tcsh'");
}

#[test]
fn man_prints_the_manual_page_in_roff() {
    let run = bundled(&["man"]).status(0).stderr_is("");
    let page = run.stdout();
    assert!(page.contains(".TH chronicle 1"), "{page}");
    assert!(page.contains(".SH SYNOPSIS"));
    for command in COMMANDS {
        assert!(page.contains(command), "{command} missing from the page");
    }
}

#[test]
fn man_prints_one_subcommands_page() {
    bundled(&["man", "path"])
        .status(0)
        .stdout_has(".TH chronicle-path 1")
        .stdout_has("\\-\\-chronological")
        .stdout_has("time\\-respecting");
    bundled(&["man", "nope"])
        .status(2)
        .stderr_has("no subcommand is called `nope`; there are check");
}

#[test]
fn every_query_command_has_help_with_examples() {
    for command in COMMANDS {
        let run = bundled(&[command, "--help"]).status(0);
        let help = run.stdout();
        assert!(
            help.contains("Examples:\n  chronicle "),
            "{command} --help has no examples:\n{help}"
        );
    }
}

#[test]
fn the_command_list_gives_each_query_a_one_line_summary() {
    let run = bundled(&["--help"]).status(0);
    let help = run.stdout();
    for command in COMMANDS {
        let line = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{command} ")))
            .unwrap_or_else(|| panic!("{command} missing:\n{help}"));
        assert!(
            line.trim_end().ends_with('.'),
            "{line:?} is not one sentence on one line"
        );
    }
}
