//! Cronaca: live open threads on fast-moving events.
//!
//! Data flows one way: an HTTP request reaches `web` (extract, authorize), the rules in
//! `domain` decide (pure, no I/O), `store` persists the change together with its live event,
//! and `live` fans the event out to the open Server-Sent Events streams.

pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod demo;
pub mod detect;
pub mod domain;
pub mod error;
pub mod gazetteer;
pub mod i18n;
pub mod live;
pub mod logging;
pub mod metrics;
pub mod mt;
pub mod net;
pub mod render;
pub mod service;
pub mod store;
pub mod web;
