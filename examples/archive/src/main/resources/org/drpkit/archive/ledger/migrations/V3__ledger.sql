-- drpkit processing ledger, version 3: where the stage copy of a file version is kept (processing and reprocessing
-- read it, so a wiped summit disk loses nothing) and where a rejected file's copy and log were put (the anc/ area).
ALTER TABLE drp_status ADD COLUMN stage_file VARCHAR(2048)
;
ALTER TABLE drp_status ADD COLUMN anc_file VARCHAR(2048)
