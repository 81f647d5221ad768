//! `kefu-backend`: runs the reference shop backend; flags in, a bound server out.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use kefu_backend::{ApiConfig, AppState, app, connect};

struct Flags {
    host: String,
    port: u16,
    dist: PathBuf,
    www: PathBuf,
    database_url: String,
    api: ApiConfig,
    /// Serve only the API (no widget build needed): benchmarks and API-only deployments.
    api_only: bool,
    /// Print a shopper token for this id and exit (for trying the API and for benchmarks).
    mint_token: Option<String>,
}

const USAGE: &str = "flags: --host --port --dist --www --database-url URL --allow-origin ORIGIN (repeatable) \
--agents-online --rate-limit-client N --rate-limit-order N --api-only --mint-token SHOPPER_ID; env KEFU_JWT_SECRET";

fn parse_flags() -> Result<Flags> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut f = Flags {
        host: "127.0.0.1".to_owned(),
        port: 8080,
        dist: root.join("target/dist"),
        www: root.join("www"),
        database_url: "sqlite://kefu-demo.db".to_owned(),
        api: ApiConfig::demo(),
        api_only: false,
        mint_token: None,
    };
    match std::env::var("KEFU_JWT_SECRET") {
        Ok(secret) if secret.len() >= 32 => f.api.jwt_secret = secret.into_bytes(),
        Ok(_) => bail!("KEFU_JWT_SECRET must be at least 32 bytes"),
        Err(_) => tracing::warn!(
            "KEFU_JWT_SECRET is not set: using the public demo secret; anyone can mint shopper tokens"
        ),
    }
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--host" => f.host = value()?,
            "--port" => f.port = value()?.parse().context("--port must be a number")?,
            "--dist" => f.dist = value()?.into(),
            "--www" => f.www = value()?.into(),
            "--database-url" => f.database_url = value()?,
            "--allow-origin" => f.api.allowed_origins.push(value()?),
            "--agents-online" => f.api.agents_online = true,
            "--rate-limit-client" => {
                f.api.limits.per_client =
                    value()?.parse().context("--rate-limit-client: a number")?;
            }
            "--rate-limit-order" => {
                f.api.limits.per_order =
                    value()?.parse().context("--rate-limit-order: a number")?;
            }
            "--api-only" => f.api_only = true,
            "--mint-token" => f.mint_token = Some(value()?),
            other => bail!("unknown flag {other}; {USAGE}"),
        }
    }
    Ok(f)
}

#[tokio::main]
async fn main() -> Result<()> {
    // Logs go to stderr: stdout is for what a command prints (`--mint-token`).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let flags = parse_flags()?;
    if let Some(sub) = &flags.mint_token {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .context("clock before 1970")?
            .as_secs();
        let now = i64::try_from(now).context("clock")?;
        let claims = kefu_api::ShopperClaims {
            sub: sub.clone(),
            exp: now + 3600,
            iat: Some(now),
            ord: None,
        };
        println!(
            "{}",
            kefu_backend::jwt::mint(&flags.api.jwt_secret, &claims)
        );
        return Ok(());
    }
    if !flags.api_only && !flags.dist.join("kefu.js").exists() {
        bail!(
            "no widget build in {}: run `cargo xtask build` first (or pass --api-only)",
            flags.dist.display()
        );
    }
    let db = connect(&flags.database_url).await.context(
        "opening the database (an old demo file from before a schema change can be deleted)",
    )?;
    let state = AppState {
        db,
        dist_dir: flags.dist,
        www_dir: flags.www,
        api: flags.api,
    };
    let addr: SocketAddr = format!("{}:{}", flags.host, flags.port)
        .parse()
        .context("bad --host/--port")?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!(%addr, api = ?state.api, "Kefu reference backend on http://{addr}/");
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown())
        .await?;
    tracing::info!("stopped: in-flight requests finished");
    Ok(())
}

/// Ctrl-C or SIGTERM (what `docker stop` and systemd send) stop accepting and drain.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
