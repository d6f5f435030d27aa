package dev.threshold.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.threshold.engine.fixture.TestJourneys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A corpus of broken journeys (src/test/resources/broken). Each file lists, in {@code # expect: LINE:COL message}
 * comments, every problem the loader must report: at that line and column, with that message. A problem
 * the file does not expect fails the test too, so the loader's messages stay exact.
 */
class BrokenJourneysTest {
    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+) (warning: )?(.*)");

    @TestFactory
    Stream<DynamicTest> every_problem_is_reported_at_its_line_and_column_with_what_was_expected() throws IOException {
        Path dir = Path.of(System.getProperty("threshold.root"), "engine/src/test/resources/broken");
        JourneyLoader loader = TestJourneys.loader();
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList().stream()
                    .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(loader, file)));
        }
    }

    private static void check(JourneyLoader loader, Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Problem> actual = loader.load(file.getFileName().toString(), text).problems();
        List<String> unmatched = new ArrayList<>();
        List<Problem> unexplained = new ArrayList<>(actual);
        for (String line : text.lines().toList()) {
            Matcher m = EXPECT.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int l = Integer.parseInt(m.group(1));
            int c = Integer.parseInt(m.group(2));
            boolean warning = m.group(3) != null;
            Problem found = unexplained.stream()
                    .filter(p -> p.line() == l
                            && p.column() == c
                            && p.isError() != warning
                            && p.message().contains(m.group(4)))
                    .findFirst()
                    .orElse(null);
            if (found == null) {
                unmatched.add(line);
            } else {
                unexplained.remove(found);
            }
        }
        assertThat(unmatched)
                .as("expected problems not reported; the loader said:%n%s", lines(actual))
                .isEmpty();
        assertThat(unexplained).as("problems the file does not expect").isEmpty();
    }

    private static String lines(List<Problem> problems) {
        StringBuilder b = new StringBuilder();
        problems.forEach(p -> b.append("  ").append(p).append('\n'));
        return b.toString();
    }
}
