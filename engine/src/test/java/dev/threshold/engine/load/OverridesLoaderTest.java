package dev.threshold.engine.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.engine.action.ActionRegistry;
import dev.threshold.engine.action.ActionRequest;
import dev.threshold.engine.action.DomainAction;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.journey.Channel;
import dev.threshold.engine.journey.Journey;
import dev.threshold.engine.journey.JourneyLibrary;
import dev.threshold.engine.journey.Overrides;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OverridesLoaderTest {
    /**
     * The library's journeys call the domain actions, which the engine cannot see; stand-ins with their names
     * let every journey load, so these tests do not depend on which journeys happen to call none.
     */
    static final ActionRegistry DOMAIN_ACTION_NAMES = ActionRegistry.of(
            List.of("match-units", "portfolio-match", "renewal-offer", "addon-fit", "referral-code").stream()
                    .map(OverridesLoaderTest::standIn)
                    .toList());

    static final JourneyLibrary LIBRARY = new JourneyLoader(EventCatalog.builtIn(), DOMAIN_ACTION_NAMES)
            .loadAll(List.of(Path.of(System.getProperty("threshold.root"), "journeys")), Set.of())
            .library();

    static DomainAction standIn(String name) {
        return new DomainAction() {
            public String name() {
                return name;
            }

            public Map<String, Object> run(ActionRequest request) {
                throw new UnsupportedOperationException("a stand-in for loading only");
            }
        };
    }

    static String libraryIds() {
        return String.join(
                ", ", LIBRARY.latest().stream().map(Journey::id).sorted().toList());
    }

    final OverridesLoader loader = new OverridesLoader(EventCatalog.builtIn(), FairHousingPolicy.federal());

    @Test
    void the_most_specific_layer_wins_tenant_then_portfolio_then_community() throws Exception {
        Overrides o = loader.load("overrides.yaml", """
                tenant:
                  lead-to-demo: { settings: { booking_window: 3h, agent_role: leasing-consultant } }
                portfolios:
                  east:
                    lead-to-demo: { settings: { booking_window: 90m }, enabled: false }
                communities:
                  harbor-point:
                    lead-to-demo: { settings: { booking_window: 30m }, enabled: true }
                """, LIBRARY);
        Journey j = LIBRARY.latest("lead-to-demo").orElseThrow();

        assertThat(o.settings(j, Optional.of("east"), Optional.of("harbor-point")))
                .containsEntry("booking_window", "30m")
                .containsEntry("agent_role", "leasing-consultant");
        assertThat(o.settings(j, Optional.of("east"), Optional.of("bay-view"))).containsEntry("booking_window", "90m");
        assertThat(o.settings(j, Optional.of("west"), Optional.of("cedar-ridge")))
                .containsEntry("booking_window", "3h")
                .containsEntry("call_due", "1 business hours");
        assertThat(o.enabled("lead-to-demo", Optional.of("east"), Optional.of("bay-view")))
                .contains(false);
        assertThat(o.enabled("lead-to-demo", Optional.of("east"), Optional.of("harbor-point")))
                .contains(true);
        assertThat(o.enabled("lead-to-demo", Optional.of("west"), Optional.empty()))
                .isEmpty();
    }

    @Test
    void reworded_messages_replace_only_the_channels_they_name() throws Exception {
        Overrides o = loader.load("overrides.yaml", """
                communities:
                  harbor-point:
                    nps-feedback-follow-up:
                      copy:
                        thanks: { sms: "Thanks {{ contact.first_name }}, from the Harbor Point team" }
                      stages:
                        heard: { action: "The resident scores the repair on the Harbor Point app" }
                """, LIBRARY);

        assertThat(o.copy(
                        "nps-feedback-follow-up", "thanks", Channel.SMS, Optional.empty(), Optional.of("harbor-point")))
                .hasValueSatisfying(c -> assertThat(c.body().source()).contains("Harbor Point team"));
        assertThat(o.copy(
                        "nps-feedback-follow-up",
                        "thanks",
                        Channel.EMAIL,
                        Optional.empty(),
                        Optional.of("harbor-point")))
                .isEmpty();
        Journey nps = LIBRARY.latest("nps-feedback-follow-up").orElseThrow();
        assertThat(o.stage(
                                "nps-feedback-follow-up",
                                nps.stage("heard").orElseThrow(),
                                Optional.empty(),
                                Optional.of("harbor-point"))
                        .action())
                .isEqualTo("The resident scores the repair on the Harbor Point app");
    }

    @Test
    void every_mistake_is_reported_with_its_line_and_column() {
        assertThatThrownBy(() -> loader.load("overrides.yaml", """
                tenant:
                  lead-to-demoo: { enabled: true }
                  lead-to-demo:
                    settings: { booking_window: soon, agent_rol: manager }
                    copy:
                      reply-by-text: { sms: "Hi {{ contact.frist_name }}" }
                      call: { sms: "no" }
                    stages:
                      nowhere: { action: x }
                """, LIBRARY))
                .isInstanceOf(LoadException.class)
                .satisfies(e -> assertThat(((LoadException) e).problems())
                        .extracting(Problem::toString)
                        .containsExactly(
                                "overrides.yaml:2:18: there is no journey 'lead-to-demoo'; journeys: " + libraryIds(),
                                "overrides.yaml:4:33: setting 'booking_window' is a duration (default 2h); 'soon' is not one",
                                "overrides.yaml:4:50: journey lead-to-demo has no setting 'agent_rol'; its settings:"
                                        + " agent_role, booking_window, call_due",
                                "overrides.yaml:6:36: unknown field 'frist_name' of contact; known fields: attributes, channels,"
                                        + " community, email, first_name, id, language, last_activity_at, last_name, name, phone,"
                                        + " preferences, roles, state, timezone",
                                "overrides.yaml:7:13: journey lead-to-demo has no send step 'call'",
                                "overrides.yaml:9:16: journey lead-to-demo has no map stage 'nowhere'"));
    }
}
