package dev.threshold.domain.referral;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/** Codes are stable, read back, and catch a mistyped character. */
class ReferralCodeProperties {
    @Property(tries = 300)
    void every_code_reads_back_and_any_single_changed_character_of_its_body_is_refused(
            @ForAll @StringLength(min = 1, max = 12) String id,
            @ForAll @AlphaChars @StringLength(min = 0, max = 10) String name) {
        ReferralCode code = ReferralCode.of(id, name);
        assertThat(ReferralCode.read(code.value())).hasValue(code);
        String v = code.value();
        for (int i = v.indexOf('-') + 1; i < v.length(); i++) {
            for (char c : "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray()) {
                if (c != v.charAt(i)) {
                    String changed = v.substring(0, i) + c + v.substring(i + 1);
                    assertThat(ReferralCode.read(changed)).as(changed).isEmpty();
                }
            }
        }
    }
}
