package dev.threshold.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
