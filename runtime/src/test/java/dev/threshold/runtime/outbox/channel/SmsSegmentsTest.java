package dev.threshold.runtime.outbox.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.runtime.outbox.channel.SmsSegments.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsSegmentsTest {

    private static String times(String s, int n) {
        return s.repeat(n);
    }

    @ParameterizedTest(name = "{0} GSM-7 characters take {1} segment(s)")
    @CsvSource({"1, 1", "160, 1", "161, 2", "306, 2", "307, 3", "459, 3", "460, 4"})
    void plain_texts_fit_160_septets_alone_and_153_per_part(int length, int segments) {
        SmsSegments.Count c = SmsSegments.count(times("a", length));

        assertThat(c.encoding()).isEqualTo(Encoding.GSM_7);
        assertThat(c.segments()).isEqualTo(segments);
    }

    @Test
    void the_extension_table_takes_two_septets_a_character() {
        assertThat(SmsSegments.count(times("€", 80))).isEqualTo(new SmsSegments.Count(Encoding.GSM_7, 160, 1));
        assertThat(SmsSegments.count(times("{", 81)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("Rent is [due] ^ ~ | \\ €5").encoding()).isEqualTo(Encoding.GSM_7);
    }

    @Test
    void an_extension_character_is_never_split_across_segments() {
        // 152 + 2 + 152 = 306 septets: two parts by arithmetic, three on the air because € cannot straddle them
        SmsSegments.Count c = SmsSegments.count(times("a", 152) + "€" + times("a", 152));

        assertThat(c.units()).isEqualTo(306);
        assertThat(c.segments()).isEqualTo(3);
    }

    @Test
    void the_gsm_alphabets_accents_stay_gsm_and_anything_else_makes_the_text_ucs2() {
        assertThat(SmsSegments.count("Café Ñoño à Zürich, Ça va? ¿Qué? ¡Olé! Δ").encoding())
                .isEqualTo(Encoding.GSM_7);
        assertThat(SmsSegments.count("Ceci est ç").encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(SmsSegments.count("Smart “quotes”").encoding()).isEqualTo(Encoding.UCS_2);
    }

    @ParameterizedTest(name = "{0} UCS-2 characters take {1} segment(s)")
    @CsvSource({"70, 1", "71, 2", "134, 2", "135, 3"})
    void unicode_texts_fit_70_units_alone_and_67_per_part(int length, int segments) {
        SmsSegments.Count c = SmsSegments.count(times("ç", length));

        assertThat(c.encoding()).isEqualTo(Encoding.UCS_2);
        assertThat(c.segments()).isEqualTo(segments);
    }

    @Test
    void an_emoji_takes_two_units_and_is_never_split_between_segments() {
        assertThat(SmsSegments.count(times("ç", 68) + "🏡").units()).isEqualTo(70);
        assertThat(SmsSegments.count(times("ç", 68) + "🏡").segments()).isEqualTo(1);
        // 66 + 2 + 66 = 134 units: two parts by arithmetic, three because the emoji cannot straddle them
        assertThat(SmsSegments.count(times("ç", 66) + "🏡" + times("ç", 66)).segments())
                .isEqualTo(3);
    }

    @Test
    void a_count_says_itself_for_the_delivery_log() {
        assertThat(SmsSegments.count(times("a", 200)).describe()).isEqualTo("2 segments, GSM-7");
        assertThat(SmsSegments.count("hi 👋").describe()).isEqualTo("1 segment, UCS-2");
    }
}
