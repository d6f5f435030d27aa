package dev.threshold.domain.contact;

import java.util.Locale;

/**
 * An email address or phone number of a person, normalised so that equal means the same mailbox or line,
 * and whether we verified that it is theirs (they answered a code, replied, signed in).
 *
 * <pre>{@code
 * ContactPoint.phone("(303) 555-0142", false).value();   // "+13035550142"
 * }</pre>
 */
public record ContactPoint(Kind kind, String value, boolean verified) {

    /** Which kind of address. */
    public enum Kind {
        EMAIL,
        PHONE
    }

    public static ContactPoint email(String address, boolean verified) {
        return new ContactPoint(Kind.EMAIL, normalEmail(address), verified);
    }

    public static ContactPoint phone(String number, boolean verified) {
        return new ContactPoint(Kind.PHONE, normalPhone(number), verified);
    }

    /** Lower case, trimmed; refuses what cannot be an address. */
    public static String normalEmail(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        int at = a.indexOf('@');
        if (at <= 0
                || at != a.lastIndexOf('@')
                || at == a.length() - 1
                || !a.substring(at).contains(".")
                || a.contains(" ")) {
            throw new IllegalArgumentException("'" + address + "' is not an email address");
        }
        return a;
    }

    /** E.164 ({@code +13035550142}); ten-digit numbers are taken as North American. */
    public static String normalPhone(String number) {
        String digits = number.replaceAll("[^0-9]", "");
        boolean international = number.strip().startsWith("+");
        if (!international && digits.length() == 10) {
            return "+1" + digits;
        }
        if (!international && digits.length() == 11 && digits.startsWith("1")) {
            return "+" + digits;
        }
        if (international && digits.length() >= 8 && digits.length() <= 15) {
            return "+" + digits;
        }
        throw new IllegalArgumentException("'" + number + "' is not a phone number");
    }
}
