//! Helpers for the fault tests: file systems the test makes and takes down (a size-limited
//! tmpfs, an ext4 image on a loop device that can be turned read-only), and direct checks of
//! the database file once the server has stopped.

// Each test crate that includes this module uses a different subset of it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};

/// A file system mounted by the test on a directory; unmounted when dropped, also when the
/// test fails (lazily if something still holds a file open).
pub struct Mount {
    pub path: PathBuf,
}

fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    } else {
        Err(format!(
            "`{program} {}` failed ({}): {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

impl Mount {
    /// A tmpfs of `size` (e.g. `8m`) on `path`, created if needed.
    pub fn tmpfs(path: &Path, size: &str) -> Result<Mount, String> {
        std::fs::create_dir_all(path).map_err(|e| e.to_string())?;
        run(
            "mount",
            &[
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size}"),
                "tmpfs",
                text(path),
            ],
        )?;
        Ok(Mount {
            path: path.to_owned(),
        })
    }

    /// An ext4 file system of `mib` MiB in the file `image`, mounted through a loop device on
    /// `path`. It turns read-only on the first error, as a real disk's would.
    pub fn ext4_image(image: &Path, mib: u32, path: &Path) -> Result<Mount, String> {
        std::fs::create_dir_all(path).map_err(|e| e.to_string())?;
        let file = std::fs::File::create(image).map_err(|e| e.to_string())?;
        file.set_len(u64::from(mib) << 20)
            .map_err(|e| e.to_string())?;
        run("mkfs.ext4", &["-q", "-F", text(image)])?;
        run(
            "mount",
            &["-o", "loop,errors=remount-ro", text(image), text(path)],
        )?;
        Ok(Mount {
            path: path.to_owned(),
        })
    }

    /// Gives a tmpfs a new size; files stay open and in place.
    pub fn resize(&self, size: &str) {
        run(
            "mount",
            &["-o", &format!("remount,size={size}"), text(&self.path)],
        )
        .unwrap();
    }

    /// Makes an ext4 mount fail as a disk does: the kernel records an error and, with
    /// `errors=remount-ro`, turns the file system read-only under the files that are open.
    pub fn fail_ext4(&self) {
        let source = run("findmnt", &["-n", "-o", "SOURCE", text(&self.path)]).unwrap();
        let device = Path::new(&source)
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a device name")
            .to_owned();
        std::fs::write(format!("/sys/fs/ext4/{device}/trigger_fs_error"), "1")
            .expect("trigger an ext4 error");
        // The write after an error is refused with EROFS once the remount is done.
        let probe = self.path.join("probe-after-error");
        assert!(
            std::fs::write(&probe, "x").is_err(),
            "the file system stayed writable"
        );
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let path = text(&self.path).to_owned();
        if run("umount", &[&path]).is_err()
            && let Err(e) = run("umount", &["-l", &path])
        {
            eprintln!("could not unmount {path}: {e}");
        }
    }
}

/// Whether this process may mount file systems (root with CAP_SYS_ADMIN, as in CI).
/// `CRONACA_TEST_NO_MOUNT=1` answers no, to run the fallbacks where mounting works.
pub fn can_mount(scratch: &Path) -> bool {
    if std::env::var_os("CRONACA_TEST_NO_MOUNT").is_some() {
        return false;
    }
    match Mount::tmpfs(&scratch.join("mount-check"), "1m") {
        Ok(_) => true,
        Err(e) => {
            eprintln!("cannot mount here ({e})");
            false
        }
    }
}

/// The database file, opened directly (the server must have stopped).
pub async fn open_db(path: &Path, read_only: bool) -> SqliteConnection {
    SqliteConnectOptions::from_str("sqlite://")
        .unwrap()
        .filename(path)
        .read_only(read_only)
        .connect()
        .await
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
}

/// `PRAGMA integrity_check` on the database file: "ok", or what SQLite found.
pub async fn integrity(conn: &mut SqliteConnection) -> String {
    let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    rows.join("; ")
}

/// A thread's id, `last_seq`, distinct event numbers, lowest and highest.
type EventCounts = (String, i64, i64, Option<i64>, Option<i64>);

/// Threads whose event log has a gap or disagrees with `last_seq`: every thread's events must
/// be numbered 1..=last_seq, each once.
pub async fn event_gaps(conn: &mut SqliteConnection) -> Vec<String> {
    let rows: Vec<EventCounts> = sqlx::query_as(
        "SELECT t.id, t.last_seq, COUNT(DISTINCT e.seq), MIN(e.seq), MAX(e.seq)
         FROM threads t LEFT JOIN events e ON e.thread_id = t.id GROUP BY t.id",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    rows.into_iter()
        .filter(|(_, last, count, min, max)| {
            *count != *last || (*last > 0 && (*min != Some(1) || *max != Some(*last)))
        })
        .map(|(id, last, count, min, max)| {
            format!("thread {id}: last_seq {last}, {count} events, seq {min:?}..{max:?}")
        })
        .collect()
}

pub async fn close(conn: SqliteConnection) {
    conn.close().await.unwrap();
}
