-- drpkit processing ledger, version 4: which keyword table (file name and content version, "KOA_NIRES_Keyword_Table.txt
-- sha256:3f1c0be2a9d45e77") described the attempt's metadata table; NULL when none (the header's own columns).
ALTER TABLE drp_status ADD COLUMN keyword_table VARCHAR(256)
