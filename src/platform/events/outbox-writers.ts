/**
 * Every transaction that appends to the outbox holds this advisory lock, shared, until it ends.
 * The relay reads the holders from pg_locks: only these transactions can still commit outbox
 * rows, so a long transaction that writes no event (a report, a bulk load, another database)
 * never holds events back. Two int4 keys: pg_locks shows them as classid/objid (objsubid 2).
 */
export const OUTBOX_WRITERS_LOCK = [7003, 7001] as const;

/**
 * Taken first by every outbox writer: the lock, and the transaction id with it (if it has none
 * yet), so that a writer is counted by the relay's horizon before it draws outbox positions.
 */
export const TAKE_OUTBOX_WRITER_LOCK = `SELECT pg_advisory_xact_lock_shared(${OUTBOX_WRITERS_LOCK[0]}, ${OUTBOX_WRITERS_LOCK[1]}), pg_current_xact_id()`;

/**
 * The oldest transaction (as xid8, in bigint) of this database that holds the writers' lock, or
 * the next transaction id when none does: outbox rows of transactions below it can no longer
 * be preceded by a commit. A transaction's id is the `transactionid` lock it holds exclusively
 * (its subtransactions' ids are younger); one read of pg_locks, no pg_stat_activity (3x the
 * cost). `age()` counts from the current counter, which only moves up while the statement
 * runs, so the horizon errs low (waits), never high.
 *
 * The statement's snapshot is taken before pg_locks is read. A writer running at the snapshot
 * that commits before the read holds no lock any more, yet its rows are invisible to this
 * statement: rows of later transactions would go out before them. So a transaction in the
 * snapshot's in-progress list that no longer holds its transaction lock also bounds the
 * horizon (it may have been a writer); one still running and not a writer does not.
 */
export const OUTBOX_HORIZON_SQL = `
  WITH held AS MATERIALIZED (
    SELECT pid, locktype, classid, objid, objsubid, database, transactionid, mode FROM pg_locks
     WHERE locktype IN ('advisory', 'transactionid') AND granted)
  SELECT least(
           coalesce(
             pg_snapshot_xmax(pg_current_snapshot())::text::bigint - max(age(x.transactionid)),
             pg_snapshot_xmax(pg_current_snapshot())::text::bigint),
           (SELECT min(f::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS f
             WHERE f::xid NOT IN (SELECT transactionid FROM held WHERE locktype = 'transactionid' AND mode = 'ExclusiveLock'))) AS horizon
    FROM held w JOIN held x ON x.pid = w.pid AND x.locktype = 'transactionid' AND x.mode = 'ExclusiveLock'
   WHERE w.locktype = 'advisory' AND w.classid = ${OUTBOX_WRITERS_LOCK[0]} AND w.objid = ${OUTBOX_WRITERS_LOCK[1]} AND w.objsubid = 2
     AND w.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
