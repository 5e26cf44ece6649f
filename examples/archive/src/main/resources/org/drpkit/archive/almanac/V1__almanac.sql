-- drpkit almanac (exposure table), version 1. Statements are separated by lines holding only ';'.
CREATE TABLE alm_file (
    path           VARCHAR(4096) NOT NULL PRIMARY KEY,
    file_size      BIGINT NOT NULL,
    modified_ms    BIGINT NOT NULL,
    md5            VARCHAR(32) NOT NULL,
    instrument     VARCHAR(32) NOT NULL,
    image_type     VARCHAR(32) NOT NULL,
    file_key       VARCHAR(96),
    exposure       VARCHAR(96),
    night          VARCHAR(16),
    chip           VARCHAR(16),
    chips          VARCHAR(128),
    nread          INT,
    nread_present  INT,
    exptime        DOUBLE PRECISION,
    lamps          VARCHAR(256),
    state          VARCHAR(16) NOT NULL,
    reason         VARCHAR(4000) NOT NULL,
    warnings       VARCHAR(1024) NOT NULL,
    summary        VARCHAR(1024) NOT NULL,
    schema_id      VARCHAR(32) NOT NULL,
    indexed        TIMESTAMP NOT NULL,
    CONSTRAINT alm_file_state CHECK (state IN ('OK','INCOMPLETE','MALFORMED','UNRECOGNISED','GONE'))
)
;
CREATE INDEX alm_file_night ON alm_file (instrument, night)
;
CREATE INDEX alm_file_key ON alm_file (file_key)
;
CREATE TABLE alm_schema (
    schema_id      VARCHAR(32) NOT NULL PRIMARY KEY,
    keywords       CLOB NOT NULL
)
