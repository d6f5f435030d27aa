package dev.threshold.bench;

import dev.threshold.engine.core.CommunityView;
import dev.threshold.engine.core.ContactView;
import dev.threshold.engine.event.EventCatalog;
import dev.threshold.engine.event.EventType;
import dev.threshold.engine.expr.Condition;
import dev.threshold.engine.expr.Expressions;
import dev.threshold.engine.expr.Shape;
import dev.threshold.engine.expr.Templates;
import dev.threshold.engine.expr.TextTemplate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The two languages of a journey at run time: a CEL condition, and Liquid message templates. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseSerialGC", "--sun-misc-unsafe-memory-access=allow"})
public class ExpressionsBenchmark {
    Condition condition;
    TextTemplate sms;
    TextTemplate email;
    Map<String, Object> vars;

    @Setup
    public void setUp() {
        Shape feedback = EventCatalog.builtIn()
                .find("feedback.submitted")
                .map(EventType::shape)
                .orElseThrow();
        Expressions.Scope scope = new Expressions.Scope(feedback, feedback, ContactView.SHAPE, CommunityView.SHAPE);
        condition = new Expressions()
                .compile(
                        "event.score <= 6 && event.topic == 'maintenance' && 'sms' in contact.channels",
                        scope,
                        Expressions.Expect.BOOL)
                .condition()
                .orElseThrow();
        Templates templates = new Templates();
        sms = templates
                .compile(
                        "Hi {{ contact.first_name }}, sorry about the {{ event.topic }}."
                                + " {{ agent.first_name | default: 'Our manager' }} at {{ community.name }} will call.",
                        scope)
                .template()
                .orElseThrow();
        email = templates.compile("""
                        Hi {{ contact.first_name }},

                        {% if event.score <= 6 %}A {{ event.score }} tells us we let you down.{% else %}Thanks!{% endif %}
                        {% for u in results.matches.units %}- {{ u.unit }} at ${{ u.rent }}
                        {% endfor %}
                        {{ community.name }} · {{ community.phone }}""", scope).template().orElseThrow();
        vars = new HashMap<>();
        vars.put("contact", Map.of("first_name", "Dana", "channels", List.of("email", "sms")));
        vars.put("community", Map.of("name", "Cedar Ridge", "phone", "+1 303 555 0100"));
        vars.put("event", Map.of("score", 4L, "topic", "maintenance", "occurred_at", Instant.EPOCH));
        vars.put("agent", Map.of("first_name", "Maya"));
        vars.put(
                "results",
                Map.of(
                        "matches",
                        Map.of(
                                "units",
                                List.of(
                                        Map.of("unit", "A-101", "rent", 1700L),
                                        Map.of("unit", "B-204", "rent", 1825L)))));
    }

    @Benchmark
    public boolean celCondition() {
        return condition.test(vars);
    }

    @Benchmark
    public String liquidSms() {
        return sms.render(vars);
    }

    @Benchmark
    public String liquidEmailWithLoop() {
        return email.render(vars);
    }
}
