-- drpkit processing ledger, version 1. ${IDENTITY} is replaced per database (H2/PostgreSQL/MySQL).
-- Statements are separated by lines holding only ';'.
CREATE TABLE drp_status (
    id                 ${IDENTITY},
    level              INT NOT NULL,
    instrument         VARCHAR(32) NOT NULL,
    ofname             VARCHAR(1024) NOT NULL,
    file_md5           VARCHAR(32),
    file_size          BIGINT,
    koaid              VARCHAR(64),
    status             VARCHAR(16) NOT NULL,
    status_code        VARCHAR(48),
    attempt            INT NOT NULL,
    worker             VARCHAR(128),
    utdatetime         TIMESTAMP,
    creation_time      TIMESTAMP NOT NULL,
    process_start_time TIMESTAMP,
    process_end_time   TIMESTAMP,
    xfr_start_time     TIMESTAMP,
    xfr_end_time       TIMESTAMP,
    koaimtyp           VARCHAR(32),
    semid              VARCHAR(32),
    propint            INT,
    process_dir        VARCHAR(1024),
    filesize_mb        DOUBLE PRECISION,
    archsize_mb        DOUBLE PRECISION,
    last_mod           TIMESTAMP NOT NULL,
    CONSTRAINT drp_status_state CHECK (status IN ('QUEUED','PROCESSING','PROCESSED','TRANSFERRING','TRANSFERRED',
        'COMPLETE','INVALID','ERROR'))
)
;
CREATE UNIQUE INDEX drp_status_level_koaid ON drp_status (level, koaid)
;
CREATE INDEX drp_status_status ON drp_status (status)
;
CREATE INDEX drp_status_ofname ON drp_status (ofname)
;
CREATE TABLE drp_status_history (
    status_id          BIGINT NOT NULL,
    attempt            INT NOT NULL,
    level              INT NOT NULL,
    instrument         VARCHAR(32) NOT NULL,
    ofname             VARCHAR(1024) NOT NULL,
    file_md5           VARCHAR(32),
    koaid              VARCHAR(64),
    status             VARCHAR(16) NOT NULL,
    status_code        VARCHAR(48),
    worker             VARCHAR(128),
    creation_time      TIMESTAMP NOT NULL,
    process_start_time TIMESTAMP,
    process_end_time   TIMESTAMP,
    koaimtyp           VARCHAR(32),
    semid              VARCHAR(32),
    archived_time      TIMESTAMP NOT NULL
)
;
CREATE INDEX drp_status_history_id ON drp_status_history (status_id)
;
CREATE TABLE drp_event (
    id         ${IDENTITY},
    status_id  BIGINT NOT NULL,
    attempt    INT NOT NULL,
    event_time TIMESTAMP NOT NULL,
    severity   VARCHAR(8) NOT NULL,
    code       VARCHAR(48) NOT NULL,
    step       VARCHAR(64) NOT NULL,
    text       VARCHAR(4000) NOT NULL
)
;
CREATE INDEX drp_event_status ON drp_event (status_id)
