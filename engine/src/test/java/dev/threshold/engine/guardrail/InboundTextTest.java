package dev.threshold.engine.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.guardrail.InboundText.Intent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboundTextTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "STOP|OPT_OUT",
                "stop|OPT_OUT",
                "  Stop.  |OPT_OUT",
                "STOPALL|OPT_OUT",
                "Unsubscribe|OPT_OUT",
                "CANCEL|OPT_OUT",
                "end|OPT_OUT",
                "Quit!|OPT_OUT",
                "Revoke|OPT_OUT",
                "OPTOUT|OPT_OUT",
                "opt out|OPT_OUT",
                "START|OPT_IN",
                "unstop|OPT_IN",
                "Yes|OPT_IN",
                "HELP|HELP",
                "info?|HELP",
                "please stop texting me|OPT_OUT",
                "Stop sending me these messages|OPT_OUT",
                "don't text me again|OPT_OUT",
                "Do not contact me|OPT_OUT",
                "no more texts please|OPT_OUT",
                "unsubscribe me|OPT_OUT",
                "take me off your list|OPT_OUT",
                "please opt out|OPT_OUT",
                "stop please|OPT_OUT",
                "Wrong number|OPT_OUT",
                "the leak under the sink won't stop|UNSURE",
                "I want to cancel my tour|UNSURE",
                "this is spam|UNSURE",
                "Thursday at 4 works for me|REPLY",
                "Is the 2-bed still available?|REPLY",
                "yes please, Thursday|REPLY",
                "Thanks!|REPLY"
            })
    void texts_are_understood_as_carriers_and_people_mean_them(String body, Intent intent) {
        assertThat(InboundText.classify(body)).isEqualTo(intent);
    }
}
