package dev.threshold.engine.load;

import java.util.List;

/** A journey (or scenario) that could not be loaded, with every problem found. */
public final class LoadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public LoadException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public LoadException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        StringBuilder b = new StringBuilder();
        for (Problem p : problems) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(p);
        }
        return b.toString();
    }
}
