package dev.threshold.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The domain stays pure: no storage, no network, no clock, no randomness but the generator's seeded one. */
class ArchitectureTest {
    static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.threshold.domain");

    @Test
    void the_domain_reaches_no_database_no_network_and_no_outer_layer() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..",
                        "javax.sql..",
                        "java.net..",
                        "dev.threshold.server..",
                        "dev.threshold.runtime..",
                        "org.jdbi..",
                        "io.javalin..",
                        "org.flywaydb..")
                .check(DOMAIN);
    }

    @Test
    void nothing_in_the_domain_reads_the_clock() {
        noClasses()
                .should()
                .callMethod(Instant.class, "now")
                .orShould()
                .callMethod(LocalDate.class, "now")
                .orShould()
                .callMethod(LocalDateTime.class, "now")
                .orShould()
                .callMethod(ZonedDateTime.class, "now")
                .orShould()
                .callMethod(Clock.class, "systemUTC")
                .orShould()
                .callMethod(Clock.class, "systemDefaultZone")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .check(DOMAIN);
    }

    @Test
    void only_the_generator_draws_random_numbers_and_only_from_its_seed() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Random")
                .orShould()
                .callMethod(Math.class, "random")
                .check(DOMAIN);
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.threshold.domain.generator..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(SplittableRandom.class)
                .check(DOMAIN);
    }

    @Test
    void feature_packages_do_not_depend_on_each_other_in_cycles() {
        slices().matching("dev.threshold.domain.(*)..")
                .should()
                .beFreeOfCycles()
                .check(DOMAIN);
    }
}
