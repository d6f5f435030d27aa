package dev.threshold.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.threshold.runtime.outbox.channel.ChannelSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration: defaults, a YAML file, environment variables that win, and every mistake named at once. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void with_nothing_given_the_server_uses_sqlite_under_the_data_folder_on_port_8080() {
        ServerConfig c = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.store().url()).startsWith("jdbc:sqlite:").endsWith(".threshold/threshold.db");
        assertThat(c.limits().maxBatch()).isEqualTo(500);
    }

    @Test
    void environment_variables_override_the_file() throws Exception {
        Path f = dir.resolve("threshold.yaml");
        Files.writeString(f, "server:\n  port: 9000\nstore:\n  url: jdbc:postgresql://127.0.0.1:5432/prod\n");

        ServerConfig c = ConfigLoader.load(Optional.of(f), Map.of("THRESHOLD_SERVER_PORT", "9100"));

        assertThat(c.http().port()).isEqualTo(9100);
        assertThat(c.store().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/prod");
    }

    @Test
    void every_mistake_is_reported_with_the_setting_its_source_and_what_is_expected() throws Exception {
        Path f = dir.resolve("threshold.yaml");
        Files.writeString(f, "server:\n  prot: 80\n  port: eighty\nlimits: 5\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(f), Map.of("THRESHOLD_LIMITS_MAX_BATCH", "0")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("'server.prot' is not a setting"))
                        .anySatisfy(p -> assertThat(p)
                                .contains("server.port (from " + f + "): 'eighty' is not valid;"
                                        + " expected a port from 0 to 65535"))
                        .anySatisfy(p -> assertThat(p).contains("limits is a"))
                        .anySatisfy(p -> assertThat(p)
                                .contains("limits.max_batch (from environment variable THRESHOLD_LIMITS_MAX_BATCH)")));
    }

    @Test
    void a_cluster_node_shares_a_postgresql_store_and_is_refused_on_sqlite() {
        ServerConfig c = ConfigLoader.load(
                Optional.empty(),
                Map.of(
                        "THRESHOLD_STORE_URL", "jdbc:postgresql://127.0.0.1:5432/prod",
                        "THRESHOLD_CLUSTER_NODE", "node-2",
                        "THRESHOLD_CLUSTER_LEASE_SECONDS", "15"));
        assertThat(c.cluster().node()).contains("node-2");
        assertThat(c.cluster().lease()).hasSeconds(15);

        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("THRESHOLD_CLUSTER_NODE", "node-2")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p).contains("a cluster needs a PostgreSQL store")));
    }

    @Test
    void a_file_that_is_not_yaml_says_where_it_broke() throws Exception {
        Path f = dir.resolve("threshold.yaml");
        Files.writeString(f, "server: [port: 1\n");

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(f), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("line");
    }

    @Test
    void the_channels_block_is_read_with_secrets_from_the_environment() throws Exception {
        Path f = dir.resolve("threshold.yaml");
        Files.writeString(f, """
                server: { port: 9000 }
                channels:
                  email:
                    host: smtp.example.com
                    user: threshold
                    password: ${SMTP_PASSWORD}
                    from_address: hello@acme-living.com
                  sms:
                    provider: { base_url: "https://sms.example.com/v1", account: AC123, token: "${SMS_TOKEN}", from_number: "+15125550100" }
                    communities:
                      cedar-ridge: { base_url: "https://sms.example.com/v1", account: AC456, token: "${SMS_TOKEN}", from_number: "+13035550100" }
                    webhook_secret: ${SMS_WEBHOOK_SECRET}
                    signature_tolerance: 2m
                    permanent_failures: ["21610"]
                  unsubscribe:
                    base_url: https://threshold.acme-living.com
                    secret: ${UNSUBSCRIBE_SECRET}
                    validity: 90d
                """);

        ServerConfig c = ConfigLoader.load(
                Optional.of(f),
                Map.of(
                        "SMTP_PASSWORD", "smtp-password",
                        "SMS_TOKEN", "sms-token",
                        "SMS_WEBHOOK_SECRET", "0123456789abcdef-sms",
                        "UNSUBSCRIBE_SECRET", "0123456789abcdef-unsub"));

        ChannelSettings ch = c.channels().orElseThrow();
        ChannelSettings.Email email = ch.email().orElseThrow();
        assertThat(email.port()).as("the default port").isEqualTo(587);
        assertThat(email.tls()).isEqualTo(ChannelSettings.Tls.STARTTLS);
        assertThat(email.password().orElseThrow().value()).isEqualTo("smtp-password");
        assertThat(email.messageIdDomain()).isEqualTo("acme-living.com");
        ChannelSettings.Sms sms = ch.sms().orElseThrow();
        assertThat(sms.provider().orElseThrow().token().value()).isEqualTo("sms-token");
        assertThat(sms.communityOfNumber("+13035550100")).contains("cedar-ridge");
        assertThat(sms.webhookSecret().value()).isEqualTo("0123456789abcdef-sms");
        assertThat(sms.signatureTolerance()).hasMinutes(2);
        assertThat(sms.permanentFailures()).containsExactly("21610");
        assertThat(sms.messagesPath()).isEqualTo("/accounts/{account}/messages");
        assertThat(ch.unsubscribe().orElseThrow().validity()).hasDays(90);
        assertThat(c.http().port()).isEqualTo(9000);

        assertThat(ConfigLoader.load(Optional.empty(), Map.of()).channels())
                .as("no channels block: messages are journaled, as before")
                .isEmpty();
    }

    @Test
    void a_bad_channels_block_names_every_problem_with_its_path_and_never_prints_a_secret() throws Exception {
        Path f = dir.resolve("threshold.yaml");
        Files.writeString(f, """
                channels:
                  email:
                    host: smtp.example.com
                    port: twenty-five
                    tls: none
                    user: threshold
                    password: hunter2-in-clear
                    from_address: not-an-address
                    timeout: soon
                  sms:
                    provider: { base_url: "https://sms.example.com/v1", account: AC123, token: "${MISSING_TOKEN}", from_number: "5550100" }
                    webhook_secret: short-secret
                    max_segmnts: 3
                  unsubscribe: { base_url: "https://threshold.example", secret: "${UNSUBSCRIBE_SECRET}", validity: 7d }
                """);

        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.of(f), Map.of("UNSUBSCRIBE_SECRET", "unsubscribe-secret-long-enough")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    List<String> problems = ((ConfigException) e).problems();
                    String from = " (from " + f + "): ";
                    assertThat(problems)
                            .anySatisfy(p -> assertThat(p)
                                    .isEqualTo("channels.email.port" + from + "'twenty-five' is not a whole number"))
                            .anySatisfy(p -> assertThat(p).startsWith("channels.email.timeout" + from + "'soon'"))
                            .anySatisfy(p -> assertThat(p)
                                    .startsWith("channels.email.tls" + from)
                                    .contains("must not cross the network in clear"))
                            .anySatisfy(p -> assertThat(p).startsWith("channels.email.from_address" + from))
                            .anySatisfy(p -> assertThat(p)
                                    .isEqualTo("channels.sms.provider.token" + from
                                            + "the environment variable MISSING_TOKEN is not set"))
                            .anySatisfy(p -> assertThat(p)
                                    .startsWith("channels.sms.provider.from_number" + from)
                                    .contains("E.164"))
                            .anySatisfy(p -> assertThat(p)
                                    .isEqualTo("channels.sms.webhook_secret" + from + "needs at least 16 bytes"))
                            .anySatisfy(p ->
                                    assertThat(p).startsWith("channels.sms.max_segmnts" + from + "is not a setting"))
                            .anySatisfy(p -> assertThat(p)
                                    .startsWith("channels.unsubscribe.validity" + from)
                                    .contains("at least 30 days"));
                    assertThat(e.getMessage())
                            .doesNotContain("hunter2-in-clear")
                            .doesNotContain("short-secret")
                            .doesNotContain("unsubscribe-secret-long-enough");
                });
    }

    @Test
    void the_channels_block_may_come_from_the_environment() {
        ServerConfig c = ConfigLoader.load(
                Optional.empty(),
                Map.of(
                        ConfigLoader.CHANNELS_ENV,
                        "{ webhooks: { secret: '${HOOK_SECRET}', timeout: 5s } }",
                        "HOOK_SECRET",
                        "outbound-webhook-secret-01"));
        ChannelSettings.Webhooks w = c.channels().orElseThrow().webhooks().orElseThrow();
        assertThat(w.secret().value()).isEqualTo("outbound-webhook-secret-01");
        assertThat(w.timeout()).hasSeconds(5);

        assertThatThrownBy(() -> ConfigLoader.load(
                        Optional.empty(), Map.of(ConfigLoader.CHANNELS_ENV, "{ email: { host: smtp.example.com } }")))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("channels.email.from_address (from environment variable "
                                        + ConfigLoader.CHANNELS_ENV + ")"))
                        .anySatisfy(p -> assertThat(p).startsWith("channels.unsubscribe")));
    }
}
