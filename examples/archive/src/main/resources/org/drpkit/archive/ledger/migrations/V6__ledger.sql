-- drpkit processing ledger, version 6: who queued a row (the archive's koa_status.service): 'DRP' for a pipeline's
-- level-1/2 products, 'RTI' for a level-1 run the ingest queued itself (DEIMOS), NULL for files queued by the
-- monitor or the command line.
ALTER TABLE drp_status ADD COLUMN service VARCHAR(16)
