package dev.pifan.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pifan.cli.PifanCommand;
import dev.pifan.cli.Version;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import dev.pifan.hal.sim.BoardProfile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The native image's reachability metadata is complete and true, checked on the JVM (the native
 * build itself needs GraalVM, which this machine does not have):
 * <ul>
 *   <li>every class pifan has picocli instantiate or inject reflectively (each command, mixin, version
 *       provider, and every annotated field) is in the configuration picocli-codegen generated at
 *       compile time, so a command added without the annotation processor, or a stale file, fails here;</li>
 *   <li>every option type that picocli converts reflectively has its entry (java.nio.file.Path: Paths.get),
 *       and an option of a type this test does not know fails until someone decides;</li>
 *   <li>every class, field and method named in pifan's metadata exists, and every resource pattern
 *       matches a resource: a rename cannot leave an entry pointing at nothing;</li>
 *   <li>every {@code META-INF/services} provider pifan ships (the Logback configurator) is a public
 *       class with a public no-argument constructor that {@link ServiceLoader} finds: native-image
 *       registers such providers itself, so they need no reflect-config entry;</li>
 *   <li>the version resource a native image reads (no jar manifest there) is built and registered.</li>
 * </ul>
 */
class NativeImageMetadataTest {

    static final String OWN = "META-INF/native-image/dev.pifan/pifan-daemon/";
    static final String PICOCLI = "META-INF/native-image/picocli-generated/dev.pifan/pifan-daemon/";

    /** Option types picocli converts without reflection (its built-in converters, or none needed). */
    static final Set<Class<?>> PLAIN_TYPES = Set.of(String.class, boolean.class, Boolean.class, int.class,
            Integer.class, long.class, Long.class, double.class, Double.class);
    /** Option types picocli converts through reflection, and the entry each needs: class and method. */
    static final Map<Class<?>, String[]> REFLECTIVE_TYPES = Map.of(Path.class, new String[] {"java.nio.file.Paths", "get"});

    static List<Map<String, Object>> picocliReflect;
    static List<Map<String, Object>> ownReflect;

    @BeforeAll
    static void load() throws IOException {
        picocliReflect = jsonList(PICOCLI + "reflect-config.json");
        ownReflect = jsonList(OWN + "reflect-config.json");
    }

    @Test
    void picocliConfigListsEveryCommandMixinAndAnnotatedField() {
        Map<String, Set<String>> listed = fieldsByClass(picocliReflect);
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (CommandSpec spec : commandTree(new CommandLine(new PifanCommand()).getCommandSpec())) {
            classes.add(spec.userObject().getClass());
            spec.mixins().values().forEach(mixin -> classes.add(mixin.userObject().getClass()));
            if (spec.versionProvider() != null && !spec.versionProvider().getClass().getName().startsWith("picocli.")) {
                classes.add(spec.versionProvider().getClass());
            }
        }
        assertTrue(classes.contains(Version.class), "the version provider is in the tree");
        for (Class<?> type : classes) {
            assertTrue(listed.containsKey(type.getName()), type.getName() + " is not in picocli's generated "
                    + "reflect-config.json: is picocli-codegen still the annotation processor of daemon/pom.xml?");
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (picocliAnnotated(field)) {
                        assertTrue(listed.getOrDefault(c.getName(), Set.of()).contains(field.getName()),
                                c.getName() + "." + field.getName() + " is injected by picocli but not in its generated config");
                    }
                }
            }
        }
    }

    @Test
    void everyOptionTypeConvertsWithoutReflectionOrHasItsEntry() {
        Set<String> missing = new LinkedHashSet<>();
        for (CommandSpec spec : commandTree(new CommandLine(new PifanCommand()).getCommandSpec())) {
            for (ArgSpec arg : spec.args()) {
                if (arg.converters() != null && arg.converters().length > 0) {
                    // pifan's own converter parses the text: picocli only instantiates the converter,
                    // which its generated config must list
                    for (CommandLine.ITypeConverter<?> converter : arg.converters()) {
                        String name = converter.getClass().getName();
                        if (picocliReflect.stream().noneMatch(e -> name.equals(e.get("name")))
                                && ownReflect.stream().noneMatch(e -> name.equals(e.get("name")))) {
                            missing.add(spec.qualifiedName() + " " + arg.paramLabel() + ": converter " + name
                                    + " is not in the reflection config");
                        }
                    }
                    continue;
                }
                List<Class<?>> types = new ArrayList<>();
                types.add(arg.type());
                if (arg.auxiliaryTypes() != null) {
                    types.addAll(List.of(arg.auxiliaryTypes()));
                }
                for (Class<?> type : types) {
                    if (PLAIN_TYPES.contains(type) || List.class.isAssignableFrom(type) || type.isEnum()) {
                        continue;
                    }
                    String[] entry = REFLECTIVE_TYPES.get(type);
                    if (entry == null) {
                        missing.add(spec.qualifiedName() + " " + arg.paramLabel() + ": " + type.getName()
                                + " (a type this test does not know: find how picocli converts it, register that, "
                                + "and add it here)");
                    } else if (!hasMethod(ownReflect, entry[0], entry[1]) && !hasMethod(picocliReflect, entry[0], entry[1])) {
                        missing.add(spec.qualifiedName() + " " + arg.paramLabel() + ": " + type.getName()
                                + " needs " + entry[0] + "." + entry[1] + " in " + OWN + "reflect-config.json");
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void everyClassFieldAndMethodNamedInTheMetadataExists() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>(picocliReflect);
        all.addAll(ownReflect);
        assertFalse(all.isEmpty());
        ClassLoader loader = getClass().getClassLoader();
        for (Map<String, Object> entry : all) {
            String name = (String) entry.get("name");
            Class<?> type = Class.forName(name, false, loader);
            for (Map<String, Object> field : list(entry.get("fields"))) {
                type.getDeclaredField((String) field.get("name"));
            }
            for (Map<String, Object> method : list(entry.get("methods"))) {
                List<Class<?>> parameters = new ArrayList<>();
                for (Object parameter : (List<?>) method.getOrDefault("parameterTypes", List.of())) {
                    parameters.add(classNamed((String) parameter, loader));
                }
                type.getDeclaredMethod((String) method.get("name"), parameters.toArray(new Class<?>[0]));
            }
        }
    }

    @Test
    void everyResourcePatternMatchesAResource() throws Exception {
        Map<String, Object> config = jsonMap(OWN + "resource-config.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> resources = (Map<String, Object>) config.get("resources");
        List<Map<String, Object>> includes = list(resources.get("includes"));
        assertFalse(includes.isEmpty());
        Set<String> ours = new HashSet<>(ownResources());
        ours.addAll(halResources());
        for (Map<String, Object> include : includes) {
            Pattern pattern = Pattern.compile((String) include.get("pattern"));
            assertTrue(ours.stream().anyMatch(r -> pattern.matcher(r).matches()),
                    "resource pattern " + pattern + " matches nothing pifan builds: " + ours);
        }
        assertTrue(includes.stream().anyMatch(i -> Pattern.compile((String) i.get("pattern"))
                .matcher("dev/pifan/cli/version.txt").matches()), "the version resource is registered");
        for (String plant : BoardProfile.names()) {
            String resource = "dev/pifan/hal/sim/plants/" + plant + ".yaml";
            assertTrue(includes.stream().anyMatch(i -> Pattern.compile((String) i.get("pattern")).matcher(resource)
                    .matches()), "the built-in plant " + resource + " is registered");
        }
    }

    /** The resources of the hal module (its target/classes or jar), which a native image of pifan holds too. */
    static Set<String> halResources() throws IOException {
        Set<String> resources = new HashSet<>();
        for (String plant : BoardProfile.names()) {
            String resource = "dev/pifan/hal/sim/plants/" + plant + ".yaml";
            if (BoardProfile.class.getClassLoader().getResource(resource) != null) {
                resources.add(resource);
            }
        }
        return resources;
    }

    @Test
    void theVersionResourceIsBuiltForTheNativeImage() {
        // from target/classes there is no manifest: Version reads the resource a native image reads
        assertNotEquals("development", Version.current(), "dev/pifan/cli/version.txt was not filtered by the build");
        assertTrue(Version.current().matches("\\d+\\.\\d+\\.\\d+.*"), Version.current());
    }

    @Test
    void serviceProvidersAreFoundByServiceLoaderWithoutReflectionConfig() throws Exception {
        Path services = classesDir().resolve("META-INF/services");
        List<Path> files;
        try (Stream<Path> listing = Files.list(services)) {
            files = listing.toList();
        }
        assertFalse(files.isEmpty());
        ClassLoader loader = getClass().getClassLoader();
        for (Path file : files) {
            Class<?> service = Class.forName(file.getFileName().toString(), false, loader);
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String name = line.replaceAll("#.*", "").strip();
                if (name.isEmpty()) {
                    continue;
                }
                Class<?> provider = Class.forName(name, false, loader);
                assertTrue(service.isAssignableFrom(provider), name + " implements " + service.getName());
                assertTrue(Modifier.isPublic(provider.getModifiers()), name + " is public");
                assertTrue(Modifier.isPublic(provider.getConstructor().getModifiers()), name + "() is public");
                assertTrue(ServiceLoader.load(service, loader).stream().anyMatch(p -> p.type() == provider),
                        "ServiceLoader finds " + name);
            }
        }
    }

    @Test
    void noFallbackImage() throws IOException {
        String properties = text(OWN + "native-image.properties");
        Matcher args = Pattern.compile("(?m)^Args\\s*=\\s*(.*)$").matcher(properties);
        assertTrue(args.find(), "an Args line");
        assertTrue(args.group(1).contains("--no-fallback"));
    }

    // --- helpers

    static List<CommandSpec> commandTree(CommandSpec root) {
        List<CommandSpec> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.subcommands().values()) {
            if (!all.contains(sub.getCommandSpec())) {
                all.addAll(commandTree(sub.getCommandSpec()));
            }
        }
        return all;
    }

    static boolean picocliAnnotated(AnnotatedElement element) {
        return element.isAnnotationPresent(CommandLine.Option.class)
                || element.isAnnotationPresent(CommandLine.Parameters.class)
                || element.isAnnotationPresent(CommandLine.Mixin.class)
                || element.isAnnotationPresent(CommandLine.Spec.class)
                || element.isAnnotationPresent(CommandLine.ParentCommand.class)
                || element.isAnnotationPresent(CommandLine.ArgGroup.class)
                || element.isAnnotationPresent(CommandLine.Unmatched.class);
    }

    static Map<String, Set<String>> fieldsByClass(List<Map<String, Object>> config) {
        Map<String, Set<String>> byClass = new HashMap<>();
        for (Map<String, Object> entry : config) {
            Set<String> fields = byClass.computeIfAbsent((String) entry.get("name"), k -> new HashSet<>());
            for (Map<String, Object> field : list(entry.get("fields"))) {
                fields.add((String) field.get("name"));
            }
        }
        return byClass;
    }

    static boolean hasMethod(List<Map<String, Object>> config, String className, String method) {
        return config.stream().filter(e -> className.equals(e.get("name")))
                .anyMatch(e -> Boolean.TRUE.equals(e.get("allDeclaredMethods")) || Boolean.TRUE.equals(e.get("allPublicMethods"))
                        || list(e.get("methods")).stream().anyMatch(m -> method.equals(m.get("name"))));
    }

    static Class<?> classNamed(String name, ClassLoader loader) throws ClassNotFoundException {
        if (name.endsWith("[]")) {
            return classNamed(name.substring(0, name.length() - 2), loader).arrayType();
        }
        return switch (name) {
            case "boolean" -> boolean.class;
            case "int" -> int.class;
            case "long" -> long.class;
            case "double" -> double.class;
            default -> Class.forName(name, false, loader);
        };
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    /** JSON is YAML 1.2: SnakeYAML Engine, already pifan's, reads it. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> jsonList(String resource) throws IOException {
        return (List<Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromString(text(resource));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonMap(String resource) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text(resource));
    }

    static String text(String resource) throws IOException {
        try (InputStream in = NativeImageMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is not on the class path (built into daemon's classes?)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** daemon's own built classes and resources (target/classes). */
    static Path classesDir() {
        try {
            Path location = Path.of(PifanCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertTrue(Files.isDirectory(location), "tests run against target/classes, found " + location);
            return location;
        } catch (URISyntaxException e) {
            return fail(e);
        }
    }

    /** Every resource (not class) in daemon's classes, as a path relative to it with '/'. */
    static Set<String> ownResources() throws IOException {
        Path root = classesDir();
        Set<String> resources = new HashSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".class"))
                    .forEach(p -> resources.add(root.relativize(p).toString().replace('\\', '/')));
        }
        assertEquals(true, resources.contains("dev/pifan/cli/version.txt"));
        return resources;
    }
}
