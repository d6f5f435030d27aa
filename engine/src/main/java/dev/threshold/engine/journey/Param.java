package dev.threshold.engine.journey;

import java.util.Map;
import java.util.Optional;

/**
 * A value a journey either writes down ({@code due: 24h}) or takes from its settings
 * ({@code due: settings.detractor_due}), so a community can override it without editing the journey.
 */
public sealed interface Param<T> {

    /** The value under the given effective settings. */
    T resolve(Map<String, Object> settings);

    /** A value written in the journey. */
    record Fixed<T>(T value) implements Param<T> {
        @Override
        public T resolve(Map<String, Object> settings) {
            return value;
        }
    }

    /** A value named by a setting; the loader has checked the setting exists and converts. */
    record FromSetting<T>(String name, T fallback, java.util.function.Function<Object, Optional<T>> convert)
            implements Param<T> {
        @Override
        public T resolve(Map<String, Object> settings) {
            Object raw = settings.get(name);
            return raw == null ? fallback : convert.apply(raw).orElse(fallback);
        }
    }
}
