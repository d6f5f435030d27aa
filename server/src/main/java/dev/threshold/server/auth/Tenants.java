package dev.threshold.server.auth;

import java.util.regex.Pattern;

/** What a tenant id may be: lower-case letters, digits and dashes, as it is written into every API key. */
public final class Tenants {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Tenants() {}

    public static boolean valid(String tenant) {
        return tenant != null && ID.matcher(tenant).matches();
    }

    /** The tenant id, or an {@link IllegalArgumentException} that says what one looks like. */
    public static String check(String tenant) {
        if (!valid(tenant)) {
            throw new IllegalArgumentException("'" + tenant + "' is not a tenant id: 1 to 63 lower-case letters,"
                    + " digits and dashes, starting with a letter or digit");
        }
        return tenant;
    }
}
