//! The command line: accounts (`user …`), API tokens (`token …`) against a running server,
//! error exits, and `serve` (port in use, `--demo`, SIGTERM with an open event stream).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod process;

use std::time::Duration;

use process::{CliOutput, Server, cronaca, free_port};
use serde_json::{Value, json};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("http client")
}

/// `user list`, one row of tab-separated fields per account.
async fn user_rows(data: &std::path::Path) -> Vec<Vec<String>> {
    cronaca(data, &["user", "list"], None)
        .await
        .success()
        .stdout
        .lines()
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

fn assert_error(out: &CliOutput, expected: &str) {
    assert!(
        out.stderr.starts_with("error:") && out.stderr.contains(expected),
        "stderr should be an error mentioning {expected:?}: {:?}",
        out.stderr
    );
}

/// Tries to open a thread with `token`; returns the HTTP status.
async fn post_thread(server: &Server, token: &str, title: &str) -> u16 {
    client()
        .post(server.url("/api/v1/threads"))
        .bearer_auth(token)
        .json(&json!({"title": title, "lead": "", "language": "it"}))
        .send()
        .await
        .expect("POST /api/v1/threads")
        .status()
        .as_u16()
}

/// Creates a token for `user`; asserts stdout is exactly one line with the token.
async fn create_token(data: &std::path::Path, user: &str, label: &str) -> String {
    let out = cronaca(data, &["token", "create", user, "--label", label], None)
        .await
        .success();
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "stdout: {:?}", out.stdout);
    assert!(out.stdout.ends_with('\n'), "stdout: {:?}", out.stdout);
    let token = lines[0];
    assert!(token.starts_with("cro_"), "stdout: {:?}", out.stdout);
    assert!(
        token.len() > "cro_".len() + 16 && !token.contains(char::is_whitespace),
        "not a token: {token:?}"
    );
    token.to_owned()
}

#[tokio::test]
async fn user_add_list_set_role_disable_and_enable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let out = cronaca(
        &data,
        &[
            "user",
            "add",
            "anna",
            "--role",
            "editor",
            "--display-name",
            "Anna K.",
        ],
        None,
    )
    .await
    .success();
    let password = out
        .stdout
        .trim()
        .strip_prefix("created anna (editor) with password ")
        .unwrap_or_else(|| panic!("unexpected output: {:?}", out.stdout));
    assert!(password.chars().count() >= 10, "weak password {password:?}");
    cronaca(&data, &["user", "add", "bo", "--role", "contributor"], None)
        .await
        .success();

    let rows = user_rows(&data).await;
    assert!(rows.contains(&vec![
        "anna".into(),
        "editor".into(),
        "active".into(),
        "Anna K.".into()
    ]));
    assert!(rows.contains(&vec![
        "bo".into(),
        "contributor".into(),
        "active".into(),
        "bo".into()
    ]));
    assert_eq!(rows.len(), 2, "{rows:?}");

    cronaca(&data, &["user", "set-role", "anna", "moderator"], None)
        .await
        .success();
    let anna = |rows: Vec<Vec<String>>| rows.into_iter().find(|r| r[0] == "anna").expect("anna");
    assert_eq!(anna(user_rows(&data).await)[1], "moderator");

    cronaca(&data, &["user", "disable", "anna"], None)
        .await
        .success();
    assert_eq!(anna(user_rows(&data).await)[2], "disabled");
    cronaca(&data, &["user", "enable", "anna"], None)
        .await
        .success();
    let row = anna(user_rows(&data).await);
    assert_eq!(row, ["anna", "moderator", "active", "Anna K."]);

    let out = cronaca(&data, &["user", "set-role", "nobody", "editor"], None)
        .await
        .failure();
    assert_error(&out, "");
}

#[tokio::test]
async fn password_from_stdin_must_be_long_enough() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let out = cronaca(
        &data,
        &[
            "user",
            "add",
            "carla",
            "--role",
            "editor",
            "--password-stdin",
        ],
        Some("short\n"),
    )
    .await
    .failure();
    assert_eq!(out.status.code(), Some(1));
    assert_error(&out, "password");
    assert!(
        out.stderr.contains("at least 10 characters"),
        "{:?}",
        out.stderr
    );
    assert!(user_rows(&data).await.is_empty(), "the account was created");

    // A long enough one is accepted and, being chosen by the caller, not printed.
    let out = cronaca(
        &data,
        &[
            "user",
            "add",
            "carla",
            "--role",
            "editor",
            "--password-stdin",
        ],
        Some("a long enough passphrase\n"),
    )
    .await
    .success();
    assert_eq!(out.stdout, "created carla (editor)\n");
}

#[tokio::test]
async fn user_names_are_unique_regardless_of_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    cronaca(&data, &["user", "add", "Anna", "--role", "editor"], None)
        .await
        .success();
    let out = cronaca(
        &data,
        &["user", "add", "anna", "--role", "contributor"],
        None,
    )
    .await
    .failure();
    assert_eq!(out.status.code(), Some(1));
    assert_error(&out, "already exists");
    let rows = user_rows(&data).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][..2], ["Anna", "editor"]);
}

#[tokio::test]
async fn user_commands_find_a_name_however_it_is_spaced_cased_or_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    cronaca(&data, &["user", "add", "editor2", "--role", "editor"], None)
        .await
        .success();
    cronaca(&data, &["user", "set-role", " EDITOR2 ", "moderator"], None)
        .await
        .success();
    cronaca(&data, &["user", "disable", "\teditor2"], None)
        .await
        .success();
    cronaca(&data, &["user", "enable", "ｅｄｉｔｏｒ２"], None)
        .await
        .success();
    let token = create_token(&data, " Editor2", "laptop").await;
    assert!(token.starts_with("cro_"));
    let rows = user_rows(&data).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][..3], ["editor2", "moderator", "active"]);
    // A second account that differs only by width or spacing is refused.
    for name in ["ｅｄｉｔｏｒ２", " Editor2\u{3000}"] {
        let out = cronaca(&data, &["user", "add", name, "--role", "editor"], None)
            .await
            .failure();
        assert_error(&out, "already exists");
    }
    assert_eq!(user_rows(&data).await.len(), 1);
}

#[tokio::test]
async fn unknown_role_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let out = cronaca(&data, &["user", "add", "anna", "--role", "overlord"], None)
        .await
        .failure();
    assert_eq!(out.status.code(), Some(2), "clap's usage error code");
    assert!(out.stderr.contains("overlord"), "{:?}", out.stderr);
    assert!(out.stdout.is_empty());
    assert!(user_rows(&data).await.is_empty());
}

#[tokio::test]
async fn token_for_an_unknown_user_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let out = cronaca(&data, &["token", "create", "ghost"], None)
        .await
        .failure();
    assert_eq!(out.status.code(), Some(1));
    assert_error(&out, "");
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
}

#[tokio::test]
async fn data_dir_that_cannot_be_created_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a directory").expect("write a file");
    let out = cronaca(&file.join("data"), &["user", "list"], None)
        .await
        .failure();
    assert_eq!(out.status.code(), Some(1));
    assert_error(&out, "cannot create the data directory");
}

#[tokio::test]
async fn serve_on_a_port_in_use_fails_quickly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("address").to_string();
    let started = std::time::Instant::now();
    let out = cronaca(&dir.path().join("data"), &["serve", "--bind", &addr], None)
        .await
        .failure();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(out.status.code(), Some(1));
    assert_error(&out, &format!("cannot listen on {addr}"));
    drop(taken);
}

#[tokio::test]
async fn token_works_until_revoked_or_its_user_is_disabled() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    cronaca(&data, &["user", "add", "ed", "--role", "editor"], None)
        .await
        .success();
    let first = create_token(&data, "ed", "first").await;
    let server = Server::start_preferring(&data, free_port(), &[]).await;

    assert_eq!(post_thread(&server, &first, "One").await, 201);

    // Revoke it by the id `token list` shows.
    let list = cronaca(&data, &["token", "list", "ed"], None)
        .await
        .success()
        .stdout;
    let row: Vec<&str> = list
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|r| r.get(4) == Some(&"first"))
        .unwrap_or_else(|| panic!("token not listed: {list:?}"));
    assert_eq!(row[1..3], ["ed", "active"]);
    assert!(!list.contains(&first), "token list shows the secret");
    cronaca(&data, &["token", "revoke", row[0]], None)
        .await
        .success();
    assert_eq!(post_thread(&server, &first, "Two").await, 401);
    let list = cronaca(&data, &["token", "list"], None)
        .await
        .success()
        .stdout;
    assert!(
        list.contains(&format!("{}\ted\trevoked", row[0])),
        "{list:?}"
    );

    // A new token works, until the account is disabled; enabling it makes it work again.
    let second = create_token(&data, "ed", "second").await;
    assert_ne!(first, second);
    assert_eq!(post_thread(&server, &second, "Three").await, 201);
    cronaca(&data, &["user", "disable", "ed"], None)
        .await
        .success();
    assert_eq!(post_thread(&server, &second, "Four").await, 401);
    let out = cronaca(&data, &["token", "create", "ed"], None)
        .await
        .failure();
    assert_error(&out, "disabled");
    assert!(out.stdout.is_empty());
    cronaca(&data, &["user", "enable", "ed"], None)
        .await
        .success();
    assert_eq!(post_thread(&server, &second, "Five").await, 201);
    assert_eq!(
        post_thread(&server, "cro_not-a-real-token", "Six").await,
        401
    );
}

#[tokio::test]
async fn serve_demo_fills_an_empty_database_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut server = Server::start_preferring(&data, free_port(), &["--demo"]).await;
    let lines = server.stdout_lines();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Log in as admin with password")),
        "{lines:?}"
    );

    let resp = client()
        .get(server.url("/api/v1/threads/exercise-valdoria"))
        .send()
        .await
        .expect("GET the demo thread");
    assert_eq!(resp.status(), 200);
    let thread: Value = resp.json().await.expect("thread JSON");
    assert_eq!(thread["slug"], "exercise-valdoria");
    let updates = thread["updates"].as_array().expect("updates");
    assert_eq!(updates.len(), 12);
    let struck = updates.iter().filter(|u| !u["struck"].is_null()).count();
    assert_eq!(struck, 1, "one struck update");

    // A living board at once: a dispute, a repeat that adds no corroboration, a struck report.
    let board: Value = client()
        .get(server.url("/api/v1/threads/exercise-valdoria/board"))
        .send()
        .await
        .expect("GET the demo board")
        .json()
        .await
        .expect("board JSON");
    let indicator = |key: &str| {
        board["indicators"]
            .as_array()
            .expect("indicators")
            .iter()
            .find(|i| i["key"] == key)
            .cloned()
            .unwrap_or_else(|| panic!("{key} on the demo board"))
    };
    let injured = &indicator("police_injured")["entries"][0];
    assert_eq!(injured["agreement"], "disputed", "{injured}");
    assert_eq!(injured["current"]["text"], "7");
    assert_eq!(injured["positions"][1]["text"], "3");
    assert_eq!(
        injured["positions"][1]["sources"]
            .as_array()
            .expect("sources")
            .len(),
        1,
        "state TV only repeats the ministry"
    );
    assert!(
        !board.to_string().contains("\"30\""),
        "the struck figure is off the board"
    );
    assert_eq!(
        indicator("detained")["entries"][0]["agreement"],
        "corroborated"
    );
    assert!(board["places"].as_array().expect("places").len() >= 3);
    let reports: Value = client()
        .get(server.url("/api/v1/threads/exercise-valdoria/reports"))
        .send()
        .await
        .expect("GET the demo reports")
        .json()
        .await
        .expect("reports JSON");
    let items = reports["items"].as_array().expect("reports");
    assert_eq!(items.iter().filter(|r| !r["struck"].is_null()).count(), 1);
    assert!(items.iter().any(|r| !r["cites"].is_null()));

    // Italian and Russian translations, credited, with translator's notes; one stale.
    let translations: Value = client()
        .get(server.url("/api/v1/threads/exercise-valdoria/translations"))
        .send()
        .await
        .expect("GET the demo translations")
        .json()
        .await
        .expect("translations JSON");
    let all = translations.as_array().expect("translations");
    for lang in ["it", "ru"] {
        let of_lang: Vec<_> = all.iter().filter(|t| t["language"] == lang).collect();
        assert!(of_lang.len() >= 4, "{lang}: {}", of_lang.len());
        assert!(of_lang.iter().any(|t| t["kind"] == "thread"));
        assert!(of_lang.iter().any(|t| {
            t["published"]["body_html"]
                .as_str()
                .is_some_and(|h| h.contains("role=\"note\""))
        }));
    }
    assert_eq!(all.iter().filter(|t| t["stale"] == true).count(), 1);
    assert!(
        all.iter()
            .all(|t| t["published"]["publication"]["url"].is_string())
    );

    server.sigterm();
    let status = server.wait_exit(Duration::from_secs(10)).await;
    assert!(status.is_some_and(|s| s.success()), "{status:?}");

    let server = Server::start_preferring(&data, free_port(), &["--demo"]).await;
    let lines = server.stdout_lines();
    assert!(
        lines.iter().any(|l| l.contains("Demo skipped")),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.contains("password")), "{lines:?}");
}

#[tokio::test]
async fn sigterm_stops_serve_cleanly_while_an_event_stream_is_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut server = Server::start_preferring(&data, free_port(), &["--demo"]).await;

    let mut stream = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .build()
        .expect("http client")
        .get(server.url("/api/v1/threads/exercise-valdoria/events?after=0"))
        .send()
        .await
        .expect("open the event stream");
    assert_eq!(stream.status(), 200);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    let first = tokio::time::timeout(Duration::from_secs(10), stream.chunk())
        .await
        .expect("the stream sends its backlog")
        .expect("read the stream")
        .expect("a first chunk");
    assert!(first.starts_with(b"id: "), "{first:?}");

    server.sigterm();
    let status = server.wait_exit(Duration::from_secs(10)).await;
    assert!(
        status.is_some_and(|s| s.success()),
        "serve did not exit with 0 within 10 s of SIGTERM: {status:?}\n{}",
        server.stderr()
    );
    // The stream was ended, not left hanging.
    let rest = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(_chunk) = stream.chunk().await? {}
        Ok::<_, reqwest::Error>(())
    })
    .await;
    assert!(rest.is_ok(), "the event stream is still open");
}

/// A client that stops halfway through its request must not keep the server from stopping.
#[tokio::test]
async fn sigterm_stops_serve_while_a_client_is_halfway_through_a_request() {
    use tokio::io::AsyncWriteExt;

    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Server::start_preferring(&dir.path().join("data"), free_port(), &[]).await;
    let mut stalled = tokio::net::TcpStream::connect(("127.0.0.1", server.port))
        .await
        .expect("connect");
    // The request line and one header, but never the blank line that ends the head.
    stalled
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .expect("send a partial request");
    tokio::time::sleep(Duration::from_millis(200)).await;

    server.sigterm();
    let status = server.wait_exit(Duration::from_secs(10)).await;
    assert!(
        status.is_some_and(|s| s.success()),
        "serve did not exit with 0 within 10 s of SIGTERM: {status:?}\n{}",
        server.stderr()
    );
    drop(stalled);
}
