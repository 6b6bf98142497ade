//! The SQLite column type of a time: the fixed-width RFC 3339 text of `domain::time::to_db`
//! (microseconds, `Z`), whose text order is time order. Row structs hold `DbTime` and bind it
//! as they bind any other value; PostgreSQL stores `timestamptz` and decodes `Timestamp` as
//! it is, so only this type differs between the backends' rows.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::sqlite::{SqliteArgumentsBuffer, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Sqlite, Type};

use crate::domain::time::{self, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DbTime(pub Timestamp);

impl From<DbTime> for Timestamp {
    fn from(t: DbTime) -> Self {
        t.0
    }
}

impl Type<Sqlite> for DbTime {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <String as Type<Sqlite>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Sqlite> for DbTime {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <String as Decode<Sqlite>>::decode(value)?;
        let t = time::from_db(&text).map_err(|e| format!("unexpected time {text:?}: {e}"))?;
        Ok(DbTime(t))
    }
}

impl Encode<'_, Sqlite> for DbTime {
    fn encode_by_ref(&self, buf: &mut SqliteArgumentsBuffer) -> Result<IsNull, BoxDynError> {
        <String as Encode<Sqlite>>::encode(time::to_db(&self.0), buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn times_round_trip_as_their_text_form() {
        let pool = sqlx::SqlitePool::connect("sqlite::memory:").await.unwrap();
        let at = time::now();
        let (text, back): (String, DbTime) = sqlx::query_as("SELECT $1, $1")
            .bind(DbTime(at))
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(text, time::to_db(&at));
        assert_eq!(back, DbTime(at));
    }
}
