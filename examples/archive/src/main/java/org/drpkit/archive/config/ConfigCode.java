package org.drpkit.archive.config;

import org.drpkit.core.error.ErrorCode;

/** The codes of a configuration file that cannot be used; each message names the file, the line and the key. */
public enum ConfigCode implements ErrorCode {
    /** The file is missing or unreadable, or is not YAML. */
    CONFIG_UNREADABLE,
    /** A key the format does not know (a typo, or a key of another version). */
    CONFIG_UNKNOWN_KEY,
    /** A value of the wrong type (text where a number is expected, a list where one value is). */
    CONFIG_WRONG_TYPE,
    /** A value of the right type that cannot be used (a negative port, a mail target without a host). */
    CONFIG_INVALID,
    /** An environment variable the file names for a secret is not set. */
    CONFIG_SECRET_MISSING
}
