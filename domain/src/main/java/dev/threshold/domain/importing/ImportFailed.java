package dev.threshold.domain.importing;

import java.util.List;

/** An import file that cannot be imported, with every problem found in it; nothing of it was written. */
public final class ImportFailed extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ImportProblem> problems;

    public ImportFailed(List<ImportProblem> problems) {
        super(problems.size() + " problem(s); the first: " + (problems.isEmpty() ? "" : problems.get(0)));
        this.problems = List.copyOf(problems.stream().sorted().toList());
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
