-- drpkit processing ledger, version 2: a key identifying one file version (original path and content), so that
-- queueing the same file twice is refused by the database itself, even by concurrent queuers.
ALTER TABLE drp_status ADD COLUMN file_key VARCHAR(64)
;
CREATE UNIQUE INDEX drp_status_file_key ON drp_status (level, file_key)
;
CREATE INDEX drp_status_utdatetime ON drp_status (utdatetime)
