package dev.threshold.server.dashboard;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the dashboard's templates, compiled to classes in the build ({@code src/main/jte}, by the jte Maven
 * plugin), so a page never compiles anything at run time and a template error fails the build. Output is HTML
 * escaped unless a template says otherwise.
 */
public final class View {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private View() {}

    /** Answers the page rendered from a template ({@code "library/index.jte"}) with its parameters. */
    public static void render(Context ctx, int status, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    public static void render(Context ctx, String template, Map<String, Object> params) {
        render(ctx, 200, template, params);
    }
}
