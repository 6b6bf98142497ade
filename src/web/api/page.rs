//! The page parameters every list of the API takes, as query parameters.

use crate::error::AppError;
use crate::store::PageRequest;

#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// 1 to 200; 50 when absent.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
}

impl PageQuery {
    pub fn request(self) -> Result<PageRequest, AppError> {
        Ok(PageRequest {
            after: self.after,
            limit: crate::domain::page::limit(self.limit)?,
        })
    }
}
