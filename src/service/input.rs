//! What an operation was sent, as its caller has it.

use crate::error::AppResult;

/// An operation's input: already parsed (a page's form), or still a request body (the API's
/// `JsonBody`), which the operation opens only once it knows the caller may act, so that an
/// unauthorized caller learns that before anything about what it sent.
pub trait Submitted<T> {
    fn open(self) -> AppResult<T>;
}

impl<T> Submitted<T> for AppResult<T> {
    fn open(self) -> AppResult<T> {
        self
    }
}
