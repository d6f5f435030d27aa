package dev.threshold.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The runtime depends on the engine, never the reverse, and reads time only from the clock it is given. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.threshold");

    @Test
    void the_engine_knows_nothing_of_the_runtime_or_of_databases() {
        noClasses()
                .that()
                .resideInAPackage("dev.threshold.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.threshold.runtime..", "java.sql..", "javax.sql..", "org.jdbi..", "java.net.http..")
                .check(CLASSES);
    }

    @Test
    void the_runtime_reads_the_time_only_from_the_clock_it_is_given() {
        noClasses()
                .that()
                .resideInAPackage("dev.threshold.runtime..")
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .check(CLASSES);
    }
}
