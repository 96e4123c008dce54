package dev.pifan.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlVersionException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a pifan config file: YAML text to a {@link PifanConfig}, or a {@link ConfigException}
 * listing every problem with its line. Nothing else escapes, whatever the text.
 *
 * <p>SnakeYAML only builds the node tree (with line marks); {@link ConfigReader} maps it by hand.
 * No objects are constructed from YAML, so no tag can instantiate anything.
 */
public final class ConfigLoader {

    /** A config is a few hundred bytes; a megabyte means the wrong file. */
    static final int MAX_SIZE = 1 << 20;
    /**
     * The config nests 4 deep. SnakeYAML's composer recurses once per level: a few thousand
     * {@code [} would overflow the stack.
     */
    static final int MAX_DEPTH = 16;
    /** Aliases are of no use here; a few are allowed, a billion laughs are not. */
    static final int MAX_ALIASES = 10;

    private ConfigLoader() {}

    /** Reads and checks {@code file}; a missing or unreadable file is a {@link ConfigException} too. */
    public static PifanConfig load(Path file) throws ConfigException {
        return load(file, ProfileDefaults.AUTO_PROFILE);
    }

    /** The text of a config file; every way of failing is one problem naming the file (see {@link ConfigFile}). */
    private static String read(Path file) throws ConfigException {
        return ConfigFile.read(file).text();
    }

    /**
     * Checks {@code yamlText} as if read from a file named {@code sourceName}. Empty text (or only
     * comments) gives the defaults of {@code board: auto}.
     */
    public static PifanConfig parse(String yamlText, String sourceName) throws ConfigException {
        return parse(yamlText, sourceName, ProfileDefaults.AUTO_PROFILE);
    }

    /** As {@link #parse(String, String)}, with {@code board: auto} taking the defaults of {@code autoProfile}. */
    public static PifanConfig parse(String yamlText, String sourceName, String autoProfile) throws ConfigException {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(sourceName, "sourceName");
        return new ConfigReader(sourceName, autoProfile).read(compose(yamlText, sourceName));
    }

    /** As {@link #load(Path)}, with {@code board: auto} taking the defaults of {@code autoProfile}. */
    public static PifanConfig load(Path file, String autoProfile) throws ConfigException {
        return parse(read(file), file.toString(), autoProfile);
    }

    /** The document's node tree, null when it is empty. */
    static Node compose(String text, String source) throws ConfigException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema()) // YAML 1.2: ~ and null are null, on/off/yes/no are plain words
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_SIZE)
                .setUseMarks(true)
                // The whole text in one read: SnakeYAML Engine's StreamReader fails with an
                // IndexOutOfBoundsException when a surrogate pair straddles its 1024-character
                // buffer (found by fuzzing; an open upstream bug). The text is at most MAX_SIZE.
                .setBufferSize(text.length() + 1)
                .build();
        // What Compose.composeString does, with a depth guard between parser and composer.
        try {
            Parser parser = new DepthLimit(new ParserImpl(settings, new StreamReader(settings, text)));
            return new Composer(settings, parser).getSingleNode().orElse(null);
        } catch (MarkedYamlEngineException e) {
            throw syntaxProblem(source, e);
        } catch (ReaderException e) {
            int[] at = lineAndColumn(text, e.getPosition());
            throw new ConfigException(new ConfigProblem(source, at[0], at[1], "",
                    oneLine(e.getMessage()) + String.format(" (U+%04X)", e.getCodePoint())));
        } catch (TooDeep e) {
            throw new ConfigException(new ConfigProblem(source, e.line, e.column, "",
                    "nested more than " + MAX_DEPTH + " levels deep"));
        } catch (YamlVersionException e) {
            throw new ConfigException(new ConfigProblem(source, 0, "",
                    "YAML version " + e.getSpecVersion().getRepresentation() + " is not supported (write YAML 1.2)"));
        } catch (YamlEngineException e) { // no position: alias limit, size limit
            throw new ConfigException(new ConfigProblem(source, 0, "", oneLine(e.getMessage())));
        } catch (RuntimeException e) {
            // a bug of the YAML library on odd input must refuse the file, never crash the daemon
            throw new ConfigException(new ConfigProblem(source, 0, "",
                    "the YAML parser failed on this file (" + e.getClass().getSimpleName() + "); check it for odd characters"));
        }
    }

    /** One line in place of SnakeYAML's multi-line message with its source snippet. */
    private static ConfigException syntaxProblem(String source, MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        String problem = oneLine(e.getProblem());
        String context = oneLine(e.getContext());
        String message = problem.isEmpty() ? context : problem;
        if (problem.startsWith("but ") && !context.isEmpty()) {
            message = context + ", " + problem; // "expected a single document, but found another"
        } else if (!problem.isEmpty() && !context.isEmpty()) {
            message += " (" + context + e.getContextMark().map(m -> " at line " + (m.getLine() + 1)).orElse("") + ")";
        }
        if (message.isEmpty()) {
            message = "invalid YAML";
        }
        return new ConfigException(new ConfigProblem(source,
                mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0), "", message));
    }

    private static ConfigException fileProblem(String source, String message) {
        return new ConfigException(new ConfigProblem(source, 0, "", message));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** 1-based line and column of the code point at {@code position}. */
    private static int[] lineAndColumn(String text, int position) {
        int line = 1;
        int column = 1;
        int[] codePoints = text.codePoints().limit(Math.max(0, position)).toArray();
        for (int c : codePoints) {
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** Stops a document that nests deeper than any config could, before the composer's recursion overflows. */
    private static final class DepthLimit implements Parser {
        private final Parser parser;
        private int depth;

        DepthLimit(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return parser.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        @Override
        public Event next() {
            Event event = parser.next();
            switch (event.getEventId()) {
                case MappingStart, SequenceStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw new TooDeep(event.getStartMark());
                    }
                }
                case MappingEnd, SequenceEnd -> depth--;
                default -> { }
            }
            return event;
        }
    }

    private static final class TooDeep extends RuntimeException {
        final int line;
        final int column;

        TooDeep(Optional<Mark> mark) {
            super(null, null, false, false);
            this.line = mark.map(m -> m.getLine() + 1).orElse(0);
            this.column = mark.map(m -> m.getColumn() + 1).orElse(0);
        }
    }
}
