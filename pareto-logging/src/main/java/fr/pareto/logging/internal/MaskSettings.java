package fr.pareto.logging.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Masking settings collected from Logback setters before an encoder starts. Not thread-safe. */
public final class MaskSettings {

    private final List<String> names = new ArrayList<>();
    private final List<Pattern> patterns = new ArrayList<>();

    /**
     * Adds a name treated as a secret, matched like the default words.
     *
     * @throws IllegalArgumentException if it has no letter or digit
     */
    public void addName(String name) {
        Objects.requireNonNull(name, "name");
        if (SecretMasker.normalize(name).isEmpty()) {
            throw new IllegalArgumentException("Invalid masked name '" + name
                    + "': it needs at least one letter or digit, such as 'pin' or 'x-session-key'");
        }
        names.add(name);
    }

    /** Adds each name of a comma-separated list; blank items are skipped. */
    public void addNames(String commaSeparated) {
        Objects.requireNonNull(commaSeparated, "commaSeparated");
        for (String name : commaSeparated.split(",")) {
            if (!name.isBlank()) {
                addName(name.trim());
            }
        }
    }

    /**
     * Adds a regular expression whose matches are masked (only group 1 when it has one).
     *
     * @throws IllegalArgumentException if it does not compile, with the compiler's message
     */
    public void addPattern(String regex) {
        Objects.requireNonNull(regex, "regex");
        try {
            patterns.add(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid mask pattern '" + regex + "': " + e.getDescription(), e);
        }
    }

    /** Builds the masker. */
    public SecretMasker toMasker() {
        return SecretMasker.create(names, patterns);
    }
}
