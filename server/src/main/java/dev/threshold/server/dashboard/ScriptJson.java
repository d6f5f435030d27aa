package dev.threshold.server.dashboard;

import dev.threshold.engine.core.StateJson;

/**
 * Data for a page's script, as JSON that is safe inside {@code <script type="application/json">}: every {@code <},
 * {@code >} and {@code &} is escaped, so no value can close the element or open another.
 */
public final class ScriptJson {
    private ScriptJson() {}

    public static String of(Object value) {
        return StateJson.write(value)
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026");
    }
}
