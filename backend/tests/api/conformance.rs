//! The conformance suite: every case file, against the reference backend on SQLite, once
//! in-process (`oneshot` on `app()`) and once over a real socket.

use kefu_backend::ApiConfig;

use super::support::{Target, check, serve, sqlite_app};

/// One test per case file; `$build` turns a name into a [`Target`] on a fresh database.
macro_rules! suite {
    ($build:expr) => {
        #[tokio::test]
        async fn orders() {
            check("orders", &$build("orders").await).await;
        }
        #[tokio::test]
        async fn changes() {
            check("changes", &$build("changes").await).await;
        }
        #[tokio::test]
        async fn aftersale() {
            check("aftersale", &$build("aftersale").await).await;
        }
        #[tokio::test]
        async fn payments() {
            check("payments", &$build("payments").await).await;
        }
        #[tokio::test]
        async fn handoff() {
            check("handoff", &$build("handoff").await).await;
        }
        #[tokio::test]
        async fn authz() {
            check("authz", &$build("authz").await).await;
        }
    };
}

mod in_process {
    use super::*;

    async fn build(name: &str) -> Target {
        Target::InProcess(sqlite_app(&format!("inproc-{name}"), ApiConfig::demo()).await)
    }
    suite!(build);
}

mod over_http {
    use super::*;

    async fn build(name: &str) -> Target {
        serve(sqlite_app(&format!("http-{name}"), ApiConfig::demo()).await).await
    }
    suite!(build);
}
