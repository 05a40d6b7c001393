//! Everything that talks to a database: pool builders, the migration
//! runner and the partition-maintenance routine.

pub mod migrate;
pub mod mongo;
pub mod partitions;
pub mod postgres;

pub use postgres::PgPool;
