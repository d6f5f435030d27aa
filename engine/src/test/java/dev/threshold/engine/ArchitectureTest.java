package dev.threshold.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine is the pure core: it sees no database, no network, no thread pool, and reads neither the clock
 * nor a random source. The runtime and the server depend on it, never the other way round.
 */
class ArchitectureTest {
    static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.threshold.engine");

    @Test
    void the_engine_uses_no_database_network_or_thread_pool() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "java.net.http..",
                        "javax.net..",
                        "com.zaxxer..",
                        "org.jdbi..",
                        "org.flywaydb..",
                        "io.helidon..",
                        "io.javalin..",
                        "org.eclipse.jetty..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.Socket")
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching("java\\.util\\.concurrent\\.(Executor.*|ThreadPoolExecutor|ScheduledExecutorService"
                        + "|CompletableFuture|ForkJoinPool)")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(Thread.class.getName())
                .because("the engine is the pure core; I/O and threads belong to the shell")
                .check(ENGINE);
    }

    @Test
    void the_engine_reads_no_clock_and_no_randomness() {
        noClasses()
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .orShould()
                .callMethod(Math.class, "random")
                .orShould()
                .callMethod(UUID.class, "randomUUID")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(java.util.Random.class.getName())
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName(java.security.SecureRandom.class.getName())
                .because("time is injected and randomness is a stable hash, so replays give the same answer")
                .check(ENGINE);
    }

    @Test
    void the_engine_depends_on_nothing_of_the_runtime_or_the_server() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.threshold.runtime..", "dev.threshold.server..", "dev.threshold.domain..")
                .check(ENGINE);
    }
}
