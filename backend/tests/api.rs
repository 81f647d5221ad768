//! The actions API's tests, one binary: the data-driven conformance suite (`cases/*.json`,
//! run in-process and over HTTP), authorisation attacks, limits, CORS, masking, the OpenAPI
//! document against the router, and the same suite on PostgreSQL.

mod api {
    pub(crate) mod support;

    mod authz;
    mod conformance;
    mod openapi;
    mod postgres;
}
