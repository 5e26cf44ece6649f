-- drpkit processing ledger, version 5: the archive's headers table (koa-dep 1.5 step 22: each archived file's
-- primary header as JSON {KEY: {value, comment}}, one row per KOAID, updated on reprocess) and the PI notification
-- bookkeeping koapi_send (koa-dep 7.5: one row per run of consecutive UT dates of a program on an instrument).
CREATE TABLE headers (
    koaid    VARCHAR(64) NOT NULL PRIMARY KEY,
    header   TEXT NOT NULL,
    last_mod TIMESTAMP NOT NULL
)
;
CREATE TABLE koapi_send (
    id            ${IDENTITY},
    semid         VARCHAR(32) NOT NULL,
    instr         VARCHAR(32) NOT NULL,
    utdate_beg    DATE NOT NULL,
    utdate_end    DATE NOT NULL,
    send_data     INT NOT NULL,
    data_notified INT NOT NULL,
    send_dvd      INT NOT NULL,
    dvd_notified  INT NOT NULL,
    last_mod      TIMESTAMP NOT NULL
)
;
CREATE UNIQUE INDEX koapi_send_run ON koapi_send (semid, instr, utdate_beg)
