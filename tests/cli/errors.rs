//! Hostile and broken input: a clear error and exit 1, never a panic or a hang.

use std::time::{Duration, Instant};

use crate::{AS_OF, Fixture, output};

fn check_fails_quickly(fx: &Fixture) -> String {
    let started = Instant::now();
    let (code, _, stderr) = output(
        fx.iro(&["check", "--as-of", AS_OF])
            .timeout(Duration::from_secs(60)),
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    stderr
}

#[test]
fn malformed_yaml_names_file_and_line() {
    let fx = Fixture::example();
    fx.write(
        "cases/broken.yaml",
        "id: X-1\nchild:\n  legal_name: [unclosed\n  date_of_birth: 2015-01-01\n",
    );
    let stderr = check_fails_quickly(&fx);
    assert!(stderr.contains("cases/broken.yaml:"), "{stderr}");
    assert!(stderr.contains("not valid YAML"), "{stderr}");
}

#[test]
fn alias_bomb_is_refused() {
    let fx = Fixture::example();
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for n in 1..12 {
        let p = n - 1;
        bomb.push_str(&format!(
            "a{n}: &a{n} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    fx.write("cases/bomb.yaml", bomb);
    let stderr = check_fails_quickly(&fx);
    assert!(stderr.contains("cases/bomb.yaml"), "{stderr}");
}

#[test]
fn ten_megabyte_file_is_refused_with_its_size() {
    let fx = Fixture::example();
    let line = "# padding padding padding padding padding padding padding padding\n";
    fx.write(
        "cases/huge.yaml",
        line.repeat(10 * 1024 * 1024 / line.len()),
    );
    let stderr = check_fails_quickly(&fx);
    assert!(stderr.contains("cases/huge.yaml"), "{stderr}");
    assert!(stderr.contains("10.0 MB"), "{stderr}");
}

#[test]
fn non_utf8_file_names_the_byte() {
    let fx = Fixture::example();
    fx.write(
        "cases/latin1.yaml",
        b"id: X-2\nchild:\n  legal_name: Zo\xeb\n".as_slice(),
    );
    let stderr = check_fails_quickly(&fx);
    assert!(stderr.contains("cases/latin1.yaml:3:"), "{stderr}");
    assert!(stderr.contains("not UTF-8"), "{stderr}");
}

#[test]
fn deep_nesting_is_refused() {
    let fx = Fixture::example();
    fx.write(
        "cases/deep.yaml",
        format!("id: {}x{}\n", "[".repeat(10_000), "]".repeat(10_000)),
    );
    let stderr = check_fails_quickly(&fx);
    assert!(stderr.contains("cases/deep.yaml"), "{stderr}");
}

#[test]
fn missing_service_folder_is_a_clear_error() {
    let fx = Fixture::example();
    std::fs::remove_file(fx.file("service.yaml")).expect("remove");
    let stderr = check_fails_quickly(&fx);
    assert!(stderr.contains("no `service.yaml`"), "{stderr}");
}
