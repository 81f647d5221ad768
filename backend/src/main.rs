//! `kefu-backend`: runs the reference shop backend; flags in, a bound server out.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use kefu_backend::{AppState, app, connect};

struct Flags {
    host: String,
    port: u16,
    dist: PathBuf,
    www: PathBuf,
    database_url: String,
}

fn parse_flags() -> Result<Flags> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut f = Flags {
        host: "127.0.0.1".to_owned(),
        port: 8080,
        dist: root.join("target/dist"),
        www: root.join("www"),
        database_url: "sqlite://kefu-demo.db".to_owned(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--host" => f.host = value()?,
            "--port" => f.port = value()?.parse().context("--port must be a number")?,
            "--dist" => f.dist = value()?.into(),
            "--www" => f.www = value()?.into(),
            "--database-url" => f.database_url = value()?,
            other => {
                bail!("unknown flag {other}; flags: --host --port --dist --www --database-url")
            }
        }
    }
    Ok(f)
}

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let flags = parse_flags()?;
    if !flags.dist.join("kefu.js").exists() {
        bail!(
            "no widget build in {}: run `cargo xtask build` first",
            flags.dist.display()
        );
    }
    let db = connect(&flags.database_url)
        .await
        .with_context(|| format!("opening {}", flags.database_url))?;
    let state = AppState {
        db,
        dist_dir: flags.dist,
        www_dir: flags.www,
    };
    let addr: SocketAddr = format!("{}:{}", flags.host, flags.port)
        .parse()
        .context("bad --host/--port")?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!("Kefu reference backend on http://{addr}/");
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
