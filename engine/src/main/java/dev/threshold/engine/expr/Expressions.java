package dev.threshold.engine.expr;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the CEL expressions of journeys against typed variables.
 *
 * <p>Every expression sees the same variables: {@code event} (the event at hand), {@code trigger} (the
 * event that started the journey), {@code contact}, {@code community}, {@code data} (the instance's data),
 * {@code results} (what actions returned), {@code settings}, {@code instance} and {@code now} (a
 * timestamp). Event, contact and community fields are checked, so {@code event.scor} or
 * {@code event.score == 'high'} is a load-time error, not a surprise at 3 a.m.
 *
 * <p>CEL is safe by construction: no I/O, no unbounded loops; comprehensions are capped here too.
 */
public final class Expressions {

    /** What an expression must produce. */
    public enum Expect {
        BOOL,
        ANY
    }

    /** The shapes of the typed variables an expression is checked against. */
    public record Scope(Shape event, Shape trigger, Shape contact, Shape community) {}

    /** One problem with an expression, at a line and column inside its text (both from 1). */
    public record Issue(int line, int column, String message) {}

    /** The outcome of compiling: a condition, or the issues that prevented it. */
    public record Compilation(Optional<Condition> condition, List<Issue> issues) {
        public Compilation {
            issues = List.copyOf(issues);
        }
    }

    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .comprehensionMaxIterations(10_000)
            .maxParseExpressionNodeCount(5_000)
            .build();

    private static final List<String> MAP_VARIABLES = List.of("data", "results", "settings", "instance");

    private final CelRuntime runtime = CelRuntimeFactory.plannerRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS))
            .build();
    private final Map<Scope, CelCompiler> compilers = new ConcurrentHashMap<>();

    public Compilation compile(String source, Scope scope, Expect expect) {
        CelCompiler compiler = compilers.computeIfAbsent(scope, Expressions::compilerFor);
        CelValidationResult result = compiler.compile(source);
        if (result.hasError()) {
            return new Compilation(Optional.empty(), issues(result.getAllIssues()));
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            if (expect == Expect.BOOL
                    && !ast.getResultType().equals(SimpleType.BOOL)
                    && !ast.getResultType().equals(SimpleType.DYN)) {
                return new Compilation(
                        Optional.empty(),
                        List.of(new Issue(
                                1,
                                1,
                                "expected a true/false condition, but '" + source + "' gives "
                                        + ast.getResultType().name())));
            }
            return new Compilation(
                    Optional.of(new Condition(source, runtime.createProgram(ast), namesIn(ast))), List.of());
        } catch (CelValidationException | dev.cel.runtime.CelEvaluationException e) {
            return new Compilation(Optional.empty(), List.of(new Issue(1, 1, e.getMessage())));
        }
    }

    /** Compiles an expression that is known to be valid (built-in expressions); throws otherwise. */
    public Condition compileOrThrow(String source, Scope scope, Expect expect) {
        Compilation c = compile(source, scope, expect);
        return c.condition().orElseThrow(() -> new IllegalArgumentException("'" + source + "': " + c.issues()));
    }

    private static List<Issue> issues(List<CelIssue> celIssues) {
        List<Issue> out = new ArrayList<>();
        for (CelIssue i : celIssues) {
            int line = Math.max(1, i.getSourceLocation().getLine());
            int column = Math.max(0, i.getSourceLocation().getColumn()) + 1;
            out.add(new Issue(line, column, i.getMessage()));
        }
        return out;
    }

    /** Field and variable names first, then string constants, so a lint names the field it found. */
    private static Set<String> namesIn(CelAbstractSyntaxTree ast) {
        Set<String> names = new java.util.LinkedHashSet<>();
        Set<String> constants = new java.util.LinkedHashSet<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            CelExpr e = node.expr();
            switch (e.exprKind().getKind()) {
                case IDENT -> names.add(e.ident().name().toLowerCase(Locale.ROOT));
                case SELECT -> names.add(e.select().field().toLowerCase(Locale.ROOT));
                case CONSTANT -> {
                    if (e.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                        constants.add(e.constant().stringValue().toLowerCase(Locale.ROOT));
                    }
                }
                default -> {}
            }
        });
        names.addAll(constants);
        return names;
    }

    private static CelCompiler compilerFor(Scope scope) {
        Map<String, StructType> structs = new LinkedHashMap<>();
        CelType event = typeOf(scope.event(), structs);
        CelType trigger = typeOf(scope.trigger(), structs);
        CelType contact = typeOf(scope.contact(), structs);
        CelType community = typeOf(scope.community(), structs);
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.math(OPTIONS))
                .setTypeProvider(new ShapeTypes(structs))
                .addVar("event", event)
                .addVar("trigger", trigger)
                .addVar("contact", contact)
                .addVar("community", community)
                .addVar("now", SimpleType.TIMESTAMP);
        for (String name : MAP_VARIABLES) {
            builder.addVar(name, MapType.create(SimpleType.STRING, SimpleType.DYN));
        }
        return builder.build();
    }

    private static CelType typeOf(Shape shape, Map<String, StructType> structs) {
        return shape.open() ? MapType.create(SimpleType.STRING, SimpleType.DYN) : struct(shape, structs);
    }

    private static StructType struct(Shape shape, Map<String, StructType> structs) {
        String name = "threshold." + shape.name().replaceAll("[^A-Za-z0-9_]", "_");
        return structs.computeIfAbsent(
                name,
                n -> StructType.create(
                        n,
                        ImmutableSet.copyOf(shape.fields().keySet()),
                        field -> shape.field(field).map(Expressions::celType)));
    }

    static CelType celType(FieldType type) {
        return switch (type) {
            case STRING -> SimpleType.STRING;
            case INT -> SimpleType.INT;
            case DOUBLE -> SimpleType.DOUBLE;
            case BOOL -> SimpleType.BOOL;
            case TIMESTAMP -> SimpleType.TIMESTAMP;
            case LIST -> ListType.create(SimpleType.DYN);
            case MAP -> MapType.create(SimpleType.STRING, SimpleType.DYN);
            case ANY -> SimpleType.DYN;
        };
    }

    private record ShapeTypes(Map<String, StructType> structs) implements CelTypeProvider {
        @Override
        public ImmutableCollection<CelType> types() {
            return ImmutableList.copyOf(structs.values());
        }

        @Override
        public Optional<CelType> findType(String typeName) {
            return Optional.ofNullable(structs.get(typeName));
        }
    }
}
