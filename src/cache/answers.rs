//! Stored answers: what a query printed, kept beside the fact set's entry so
//! that the same question about the same files is answered without loading
//! them.
//!
//! An answer is filed under a hash of the fact set's [`Key`] and the
//! request (the command and its arguments as the caller encodes them), in a
//! folder named after the entry. A file holds the magic bytes `CHRNANSW`, the
//! format number (u32), the lengths of the key, the request and the payload
//! (u64 each), an XXH3 checksum of all three (u64), all little-endian, then
//! the key, the request and the payload. A read compares the key and the
//! request byte for byte and checks the checksum, so an answer is only ever
//! given for exactly the files and the question it was made from; anything
//! else is a miss. Answers larger than [`MAX_BYTES`] are not kept; a folder
//! keeps at most [`MAX_ANSWERS`], the oldest going first. The payload is
//! opaque here: this file neither makes nor judges answers.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use super::header;
use super::key::Key;

const MAGIC: &[u8; 8] = b"CHRNANSW";

/// Answers larger than this are not kept (a whole timeline of a million
/// events is cheaper to recompute than to store twice).
pub const MAX_BYTES: usize = 32 << 20;

/// How many answers a fact set keeps; the oldest are removed beyond it.
pub const MAX_ANSWERS: usize = 64;

/// The folder of answers about the entry called `entry` in `dir`.
pub fn folder(dir: &Path, entry: &str) -> PathBuf {
    dir.join(format!("{entry}.answers"))
}

fn file_name(key: &Key, request: &[u8]) -> String {
    let mut both = Vec::with_capacity(key.bytes.len() + request.len() + 8);
    both.extend_from_slice(&(key.bytes.len() as u64).to_le_bytes());
    both.extend_from_slice(&key.bytes);
    both.extend_from_slice(request);
    format!("{:032x}.answer", xxh3_128(&both))
}

fn checksum(parts: [&[u8]; 3]) -> u64 {
    let mut h = Xxh3::new();
    for p in parts {
        sum_part(&mut h, p);
    }
    h.digest()
}

/// Adds one part to a checksum: its length, then its bytes.
fn sum_part(h: &mut Xxh3, part: &[u8]) {
    h.update(&(part.len() as u64).to_le_bytes());
    h.update(part);
}

/// The payload kept for `request` about the files of `key`, if there is one
/// made for exactly these.
pub fn read(folder: &Path, key: &Key, request: &[u8]) -> Option<Vec<u8>> {
    let path = folder.join(file_name(key, request));
    let file = std::fs::File::open(path).ok()?;
    let limit = (header::LEN + key.bytes.len() + request.len() + MAX_BYTES) as u64;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).ok()?;
    let (head, rest) = bytes.split_first_chunk::<{ header::LEN }>()?;
    let [key_len, request_len, payload_len, sum] = header::decode(MAGIC, head)?;
    if key_len != key.bytes.len() as u64 || request_len != request.len() as u64 {
        return None;
    }
    let (stored_key, rest) = rest.split_at_checked(key.bytes.len())?;
    let (stored_request, payload) = rest.split_at_checked(request.len())?;
    let whole = payload.len() as u64 == payload_len;
    if !whole || stored_key != key.bytes || stored_request != request {
        return None;
    }
    if checksum([stored_key, stored_request, payload]) != sum {
        return None;
    }
    // The payload is the end of the file: keep it, without a copy.
    bytes.drain(..header::LEN + key.bytes.len() + request.len());
    Some(bytes)
}

/// Keeps `payload` as the answer to `request` about the files of `key`.
#[cfg(test)]
pub fn write(folder: &Path, key: &Key, request: &[u8], payload: &[u8]) {
    write_with(folder, key, request, &|w| w.write_all(payload));
}

/// Keeps the payload `fill` writes as the answer to `request` about the
/// files of `key`. Failing to keep it is not an error: the next run
/// recomputes it. `fill` is called once to count the payload's bytes, once
/// to sum them and once to store them, so that the payload is never held
/// whole in memory beside what it is made from; it must write the same
/// bytes each time.
pub fn write_with(
    folder: &Path,
    key: &Key,
    request: &[u8],
    fill: &dyn Fn(&mut dyn Write) -> io::Result<()>,
) {
    let mut count = Count(0);
    if fill(&mut count).is_err() || count.0 > MAX_BYTES as u64 {
        return;
    }
    if std::fs::create_dir_all(folder).is_err() {
        return;
    }
    make_room(folder);
    let mut sum = Sum(Xxh3::new());
    sum_part(&mut sum.0, &key.bytes);
    sum_part(&mut sum.0, request);
    // The payload's length, then its bytes as `fill` writes them.
    sum.0.update(&count.0.to_le_bytes());
    if fill(&mut sum).is_err() {
        return;
    }
    let lens = [key.bytes.len() as u64, request.len() as u64, count.0];
    let head = header::encode(MAGIC, [lens[0], lens[1], lens[2], sum.0.digest()]);
    let path = folder.join(file_name(key, request));
    let _ = crate::output::write_atomic_with(&path, &mut |w| {
        w.write_all(&head)?;
        w.write_all(&key.bytes)?;
        w.write_all(request)?;
        fill(w)
    });
}

/// Counts the bytes written to it.
struct Count(u64);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Sums the bytes written to it.
struct Sum(Xxh3);

impl Write for Sum {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Removes the oldest answers when the folder is full, down to three
/// quarters of [`MAX_ANSWERS`].
fn make_room(folder: &Path) {
    let Ok(list) = std::fs::read_dir(folder) else {
        return;
    };
    let mut kept: Vec<(std::time::SystemTime, PathBuf)> = list
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "answer"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if kept.len() < MAX_ANSWERS {
        return;
    }
    kept.sort();
    let extra = kept.len() - MAX_ANSWERS * 3 / 4;
    for (_, path) in kept.into_iter().take(extra) {
        let _ = std::fs::remove_file(path);
    }
}

/// Forgets every answer in the folder (the facts they were made from are
/// gone).
pub fn clear(folder: &Path) {
    let _ = std::fs::remove_dir_all(folder);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Input;

    /// A key for a fact file holding `text`, with the folder it lives in.
    fn key(text: &str) -> (tempfile::TempDir, Key) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.toml");
        std::fs::write(&file, text).unwrap();
        let key = Key::of(&[Input::Path(file)]).unwrap();
        (dir, key)
    }

    fn files(folder: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    }

    #[test]
    fn an_answer_is_given_for_exactly_its_key_and_request() {
        let (dir, k) = key("[[actor]]\nid = \"a\"\nname = \"A\"\n");
        let folder = dir.path().join("answers");
        assert_eq!(read(&folder, &k, b"q"), None);
        write(&folder, &k, b"q", b"the answer");
        assert_eq!(read(&folder, &k, b"q").as_deref(), Some(&b"the answer"[..]));
        assert_eq!(read(&folder, &k, b"q2"), None);
        assert_eq!(read(&folder, &k, b""), None);
        let (_other, other) = key("[[actor]]\nid = \"b\"\nname = \"B\"\n");
        assert_eq!(read(&folder, &other, b"q"), None);
    }

    #[test]
    fn a_damaged_answer_is_a_miss() {
        let (dir, k) = key("[[actor]]\nid = \"a\"\nname = \"A\"\n");
        let folder = dir.path().join("answers");
        write(&folder, &k, b"q", b"the answer");
        let path = files(&folder).pop().unwrap();
        let good = std::fs::read(&path).unwrap();
        let mut flipped = good.clone();
        *flipped.last_mut().unwrap() ^= 1;
        let mut longer = good.clone();
        longer.push(0);
        for bytes in [
            good[..good.len() - 1].to_vec(),
            good[..header::LEN].to_vec(),
            Vec::new(),
            flipped,
            longer,
        ] {
            std::fs::write(&path, &bytes).unwrap();
            assert_eq!(read(&folder, &k, b"q"), None);
        }
    }

    #[test]
    fn large_answers_are_not_kept_and_a_full_folder_is_trimmed() {
        let (dir, k) = key("[[actor]]\nid = \"a\"\nname = \"A\"\n");
        let folder = dir.path().join("answers");
        write(&folder, &k, b"big", &vec![b'x'; MAX_BYTES + 1]);
        assert_eq!(read(&folder, &k, b"big"), None);
        for i in 0..MAX_ANSWERS + 5 {
            write(&folder, &k, i.to_string().as_bytes(), b"a");
        }
        let n = files(&folder).len();
        assert!((MAX_ANSWERS * 3 / 4..=MAX_ANSWERS).contains(&n), "{n}");
        let newest = (MAX_ANSWERS + 4).to_string();
        assert!(read(&folder, &k, newest.as_bytes()).is_some());
        clear(&folder);
        assert!(!folder.exists());
    }

    #[test]
    fn an_answer_written_in_pieces_is_the_answer_written_whole() {
        let (dir, k) = key("[[actor]]\nid = \"a\"\nname = \"A\"\n");
        let (whole, pieces) = (dir.path().join("whole"), dir.path().join("pieces"));
        write(&whole, &k, b"q", b"first second");
        write_with(&pieces, &k, b"q", &|w| {
            w.write_all(b"first")?;
            w.write_all(b" second")
        });
        let bytes = |folder: &Path| std::fs::read(folder.join(file_name(&k, b"q"))).unwrap();
        assert_eq!(bytes(&whole), bytes(&pieces));
        assert_eq!(
            read(&pieces, &k, b"q").as_deref(),
            Some(&b"first second"[..])
        );
        let failing = dir.path().join("failing");
        write_with(&failing, &k, b"q", &|_| Err(io::Error::other("no")));
        assert_eq!(read(&failing, &k, b"q"), None);
    }
}
