package dev.pifan.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config that cannot be used, with every problem found in it (not just the first): checked,
 * because a caller reloading a config must decide to keep the running one.
 */
public final class ConfigException extends Exception {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(null, null, false, false); // the problems say it all; a stack trace would only add noise
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** The problems, in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Every problem on its own line. */
    @Override
    public String getMessage() {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }
}
