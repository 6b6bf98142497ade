//! Plain types and rules of the domain: no I/O, no HTTP, no SQL.

pub mod audit;
pub mod board;
pub mod comment;
pub mod event;
pub mod id;
pub mod indicator;
pub mod language;
pub mod markup;
pub mod notes;
pub mod page;
pub mod permissions;
pub mod place;
pub mod provenance;
pub mod reading;
pub mod redirect;
pub mod report;
pub mod role;
pub mod schema;
pub mod search;
pub mod situation;
pub mod slug;
pub mod sms;
pub mod source;
pub mod thread;
pub mod time;
pub mod translation;
pub mod update;
pub mod user;
pub mod validation;

pub use validation::ValidationError;
