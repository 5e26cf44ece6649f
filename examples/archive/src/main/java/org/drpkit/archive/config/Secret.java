package org.drpkit.archive.config;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A password or key read from an environment variable that the configuration names (never from the file itself, never
 * from a command line). Its {@code toString} names the variable and says whether it was set, never the value, so a
 * logged configuration or a stack trace leaks nothing.
 *
 * <pre>{@code
 * Secret s = Secret.fromEnv("DRPKIT_SMTP_PASSWORD", System::getenv);
 * s.toString();   // "$DRPKIT_SMTP_PASSWORD (set)"
 * }</pre>
 */
public final class Secret {

    private final String variable;
    private final String value;

    private Secret(String variable, String value) {
        this.variable = Objects.requireNonNull(variable, "variable");
        this.value = value == null || value.isEmpty() ? null : value;
    }

    /**
     * Reads a variable.
     *
     * @param variable the environment variable's name
     * @param env      how to read it ({@code System::getenv}, or a map's {@code get} in tests)
     * @return the secret; {@link #isSet()} is false when the variable is unset or empty
     */
    public static Secret fromEnv(String variable, UnaryOperator<String> env) {
        return new Secret(variable, env.apply(variable));
    }

    /** @return the environment variable it comes from */
    public String variable() {
        return variable;
    }

    /** @return true when the variable held a non-empty value */
    public boolean isSet() {
        return value != null;
    }

    /**
     * The value, for the one call that needs it (an SMTP login, an HTTP header); do not log it.
     *
     * @return the value, or null when unset
     */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "$" + variable + (value != null ? " (set)" : " (unset)");
    }
}
