package org.openpaypro.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the precompiled jte templates of {@code server/src/main/jte} (compiled by jte-maven-plugin into
 * {@code gg.jte.generated.precompiled}; nothing is compiled at run time). Every page template takes two
 * parameters: {@code frame} (the layout's {@link Frame}) and {@code view} (the page's own view record, which the
 * route builds from services). HTML output escapes every value by context. Thread-safe.
 */
public final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Answers {@code status} with {@code template} (e.g. {@code "portal/home.jte"}) rendered for frame and view. */
    public void render(Context ctx, int status, String template, Frame frame, Object view) {
        StringOutput output = new StringOutput(8192);
        engine.render(template, Map.of("frame", frame, "view", view == null ? NoView.INSTANCE : view), output);
        ctx.status(status).contentType("text/html; charset=utf-8").result(output.toString());
    }

    public void render(Context ctx, String template, Frame frame, Object view) {
        render(ctx, 200, template, frame, view);
    }

    /** The view of a page that shows only its frame. */
    public enum NoView { INSTANCE }
}
