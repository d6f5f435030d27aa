package dev.threshold.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of the suite that run from the bench module's jar ({@code bench/target/benchmarks.jar}) in a JVM
 * of their own: the JMH microbenchmarks, and the BPMN engine of the comparison, which is a dependency of the
 * benchmarks only, never of the server.
 */
final class Subprocesses {
    private final Path benchJar;
    private final PrintWriter out;

    Subprocesses(Path benchJar, PrintWriter out) {
        this.benchJar = benchJar;
        this.out = out;
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    void requireJar() {
        if (!Files.isRegularFile(benchJar)) {
            throw new IllegalStateException("the benchmark jar " + benchJar + " is missing: build it with"
                    + " 'mvn -B package -pl server,bench -am -DskipTests' (./threshold bench does this for you)");
        }
    }

    /** Runs JMH with {@code options}; returns its JSON results, one element per benchmark. */
    JsonNode jmh(List<String> options) throws IOException, InterruptedException {
        requireJar();
        Path json = Files.createTempFile("threshold-jmh-", ".json");
        try {
            List<String> cmd = new ArrayList<>(List.of(
                    java().toString(),
                    "--sun-misc-unsafe-memory-access=allow",
                    "-jar",
                    benchJar.toString(),
                    "-rf",
                    "json",
                    "-rff",
                    json.toString()));
            cmd.addAll(options);
            run(cmd, "jmh", line -> line.startsWith("Benchmark") || line.matches("^[A-Z][A-Za-z]+Benchmark\\..*"));
            return new ObjectMapper().readTree(json.toFile());
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /** Runs the Flowable side of the comparison; returns its RESULT line as JSON. */
    JsonNode flowable(List<String> options) throws IOException, InterruptedException {
        requireJar();
        List<String> cmd = new ArrayList<>(List.of(
                java().toString(),
                "--sun-misc-unsafe-memory-access=allow",
                "-XX:+UseSerialGC",
                "-cp",
                benchJar.toString(),
                "dev.threshold.bench.bpmn.FlowableRenewalBench"));
        cmd.addAll(options);
        List<String> lines = run(cmd, "flowable", line -> false);
        Optional<String> result =
                lines.stream().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b);
        return new ObjectMapper()
                .readTree(result.orElseThrow(() -> new IllegalStateException(
                                "the Flowable benchmark printed no RESULT line; its output ended with: "
                                        + lines.subList(Math.max(0, lines.size() - 10), lines.size())))
                        .substring("RESULT ".length()));
    }

    private List<String> run(List<String> cmd, String what, java.util.function.Predicate<String> echo)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
                if (echo.test(line)) {
                    out.println("  " + line);
                    out.flush();
                }
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(what + " exited with " + code + "; its output ended with:\n  "
                    + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        }
        return lines;
    }
}
