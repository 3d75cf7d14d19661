//! Tests of atomic writes, writes in place and private temporaries.

use super::*;

/// A private temporary that a killed process left (no one holds it and
/// it was written long ago) is removed when the next is made; one that
/// is not named as ours is left.
#[test]
fn a_private_temporary_left_behind_is_removed_by_the_next() {
    let dir = std::env::temp_dir();
    let left = dir.join(".chronicle-sweep-test-1-0.tmp");
    let other = dir.join(".chronicle-sweep-test-1-x.tmp");
    for path in [&left, &other] {
        let file = File::create(path).unwrap();
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
        file.set_modified(long_ago).unwrap();
    }
    let (file, made) = private_temp("sweep-test").unwrap();
    let held = File::open(&made).unwrap();
    assert!(held.try_lock().is_err(), "the new one is held");
    assert!(!left.exists());
    assert!(other.exists());
    drop((file, held));
    for path in [&other, &made] {
        std::fs::remove_file(path).unwrap();
    }
}

#[test]
fn atomic_write_replaces_whole_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.json");
    write_atomic(&path, b"first").unwrap();
    write_atomic(&path, b"second").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"second");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn atomic_write_refuses_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    assert!(write_atomic(dir.path(), b"x").is_err());
    let mut fill = |w: &mut dyn Write| w.write_all(b"x");
    assert!(write_export_with(dir.path(), &mut fill).is_err());
}

#[test]
fn an_export_replaces_the_whole_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.dot");
    for text in ["digraph { a -> b }\n", "digraph {}\n"] {
        let mut fill = |w: &mut dyn Write| w.write_all(text.as_bytes());
        write_export_with(&path, &mut fill).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_written_into_and_stays_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("out.pipe");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.unwrap().success());
    let reader = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::read(pipe).unwrap())
    };
    let mut fill = |w: &mut dyn Write| w.write_all(b"digraph {}\n");
    write_export_with(&pipe, &mut fill).unwrap();
    // Before the reader is waited for: a pipe replaced by a file would
    // leave it waiting for ever.
    let kind = std::fs::symlink_metadata(&pipe).unwrap().file_type();
    assert!(kind.is_fifo());
    assert_eq!(reader.join().unwrap(), b"digraph {}\n");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn a_link_is_kept_and_the_file_it_names_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    write_atomic(&file, b"old").unwrap();
    std::os::unix::fs::symlink(&file, &link).unwrap();
    write_atomic(&link, b"new").unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"new");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[cfg(unix)]
#[test]
fn a_link_to_no_file_yet_makes_the_file_it_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let link = dir.path().join("graph.dot");
    std::os::unix::fs::symlink("out/real.dot", &link).unwrap();
    let mut fill = |w: &mut dyn Write| w.write_all(b"digraph {}\n");
    write_export_with(&link, &mut fill).unwrap();
    let kind = std::fs::symlink_metadata(&link).unwrap().file_type();
    assert!(kind.is_symlink());
    let made = std::fs::read(dir.path().join("out/real.dot")).unwrap();
    assert_eq!(made, b"digraph {}\n");
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.toml");
    write_atomic(&path, b"old").unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for kept in [0o600, 0o664] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(kept)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(mode(&path), kept);
    }
}

#[test]
fn a_staged_export_replaces_only_once_committed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.dot");
    write_atomic(&path, b"old").unwrap();
    let mut fill = |w: &mut dyn Write| w.write_all(b"new");
    let staged = stage_export(&path, &mut fill).unwrap();
    assert_eq!(staged.bytes().unwrap(), 3);
    assert_eq!(std::fs::read(&path).unwrap(), b"old");
    drop(staged);
    assert_eq!(std::fs::read(&path).unwrap(), b"old");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    stage_export(&path, &mut fill).unwrap().commit().unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"new");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_failed_export_keeps_the_old_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timeline.json");
    write_atomic(&path, b"old").unwrap();
    let mut fill = |w: &mut dyn Write| {
        w.write_all(b"new, cut short")?;
        Err(io::Error::other("disk full"))
    };
    assert!(write_export_with(&path, &mut fill).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), b"old");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
