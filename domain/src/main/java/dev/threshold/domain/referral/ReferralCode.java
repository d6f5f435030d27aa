package dev.threshold.domain.referral;

import dev.threshold.engine.core.StableHash;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * A resident's personal referral code, such as {@code SAM-7KQ2XH}: their first name (so a friend
 * recognises it), then five characters from a stable hash of their contact id and a check character that
 * catches a mistyped code. The same resident always gets the same code; nothing random, nothing stored is
 * needed to issue it. Characters come from Crockford's base 32 (no I, L, O or U), and reading forgives
 * the usual confusions (O for 0, I and L for 1) and case.
 */
public record ReferralCode(String value) {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public ReferralCode {
        if (!value.matches("[A-Z]{1,8}-[0-9A-HJKMNP-TV-Z]{6}")) {
            throw new IllegalArgumentException("'" + value + "' is not a referral code such as SAM-7KQ2XH");
        }
    }

    /** The code of a resident. */
    public static ReferralCode of(String contactId, String firstName) {
        String prefix = prefix(firstName);
        long h = StableHash.of("referral:" + contactId);
        StringBuilder body = new StringBuilder(6);
        for (int i = 0; i < 5; i++) {
            body.append(ALPHABET.charAt((int) ((h >>> (5 * i)) & 31)));
        }
        body.append(check(prefix, body));
        return new ReferralCode(prefix + "-" + body);
    }

    /** Reads a code as people type it; empty when it is malformed or its check character is wrong. */
    public static Optional<ReferralCode> read(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT).replace(' ', '-').replace('_', '-');
        int dash = t.lastIndexOf('-');
        if (dash <= 0 || dash == t.length() - 1) {
            return Optional.empty();
        }
        String prefix = t.substring(0, dash).replace("-", "");
        String body = t.substring(dash + 1).replace('O', '0').replace('I', '1').replace('L', '1');
        if (!prefix.matches("[A-Z]{1,8}") || !body.matches("[0-9A-HJKMNP-TV-Z]{6}")) {
            return Optional.empty();
        }
        if (body.charAt(5) != check(prefix, body.subSequence(0, 5))) {
            return Optional.empty();
        }
        return Optional.of(new ReferralCode(prefix + "-" + body));
    }

    private static String prefix(String firstName) {
        String ascii = Normalizer.normalize(firstName, Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z]", "")
                .toUpperCase(Locale.ROOT);
        return ascii.isEmpty() ? "HOME" : ascii.substring(0, Math.min(8, ascii.length()));
    }

    /** A sum over the code with odd weights, modulo 32: any single changed character of the body changes it. */
    private static char check(String prefix, CharSequence body) {
        int sum = 0;
        String all = prefix + body.subSequence(0, 5);
        for (int i = 0; i < all.length(); i++) {
            int v = ALPHABET.indexOf(all.charAt(i));
            sum += (v < 0 ? all.charAt(i) : v) * (i % 2 == 0 ? 1 : 3);
        }
        return ALPHABET.charAt(Math.floorMod(sum, 32));
    }

    @Override
    public String toString() {
        return value;
    }
}
