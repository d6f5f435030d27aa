package dev.threshold.runtime.outbox.channel;

/**
 * How many SMS segments a text takes, known before it is sent. A text that fits the GSM-7 alphabet (3GPP TS
 * 23.038: the basic table, and the extension table whose characters {@code ^ { } \ [ ~ ] | €} and form feed take
 * two septets each) goes as up to 160 septets in one segment, or 153 per segment once concatenated; any other
 * character makes the whole text UCS-2, 70 code units in one segment or 67 per segment concatenated, where an
 * emoji (a surrogate pair) takes two. A concatenated text is split as carriers split it: never inside an
 * extension character's escape, never between the halves of a surrogate pair.
 *
 * <pre>{@code
 * SmsSegments.count("Your tour is at 4pm").segments();   // 1, GSM-7
 * SmsSegments.count("Bienvenue à Cedar Ridge 🏡").encoding();  // UCS_2
 * }</pre>
 */
public final class SmsSegments {

    /** How a text is encoded on the air. */
    public enum Encoding {
        GSM_7("GSM-7"),
        UCS_2("UCS-2");

        private final String label;

        Encoding(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A text's size on the air.
     *
     * @param units septets for GSM-7, UTF-16 code units for UCS-2
     */
    public record Count(Encoding encoding, int units, int segments) {
        public String describe() {
            return segments + " segment" + (segments == 1 ? "" : "s") + ", " + encoding.label();
        }
    }

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private static final int GSM_SINGLE = 160;
    private static final int GSM_PART = 153;
    private static final int UCS_SINGLE = 70;
    private static final int UCS_PART = 67;

    private SmsSegments() {}

    public static Count count(String text) {
        if (isGsm7(text)) {
            return pack(text, Encoding.GSM_7, GSM_SINGLE, GSM_PART);
        }
        return pack(text, Encoding.UCS_2, UCS_SINGLE, UCS_PART);
    }

    private static boolean isGsm7(String text) {
        return text.codePoints().allMatch(cp -> cp < 0x10000 && (BASIC.indexOf(cp) >= 0 || EXTENSION.indexOf(cp) >= 0));
    }

    private static int width(int codePoint, Encoding encoding) {
        if (encoding == Encoding.GSM_7) {
            return EXTENSION.indexOf(codePoint) >= 0 ? 2 : 1;
        }
        return Character.charCount(codePoint);
    }

    private static Count pack(String text, Encoding encoding, int single, int part) {
        int total = text.codePoints().map(cp -> width(cp, encoding)).sum();
        if (total <= single) {
            return new Count(encoding, total, 1);
        }
        int segments = 1;
        int used = 0;
        for (int cp : text.codePoints().toArray()) {
            int w = width(cp, encoding);
            if (used + w > part) {
                segments++;
                used = 0;
            }
            used += w;
        }
        return new Count(encoding, total, segments);
    }
}
