package dev.pairing.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.flags.Flag;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A flag the runners share is declared once, in {@link PipelineFlags} or {@link OperationsFlags}: no command of the project
 * declares one of those names by hand (with its own range and help that would drift), it adds the
 * shared constant instead.
 */
class SharedFlagsDeclaredOnceTest {

    private static final Pattern DECLARATION =
            Pattern.compile("\\.(?:option|required|repeatable)\\(\\s*\"(\\w+)\"|Flag\\.\\w+\\(\\s*\"(\\w+)\"");

    @Test
    void noMainClassDeclaresASharedFlagItself() throws Exception {
        Set<String> shared = sharedNames();
        List<String> found = new ArrayList<>();
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(SharedFlagsDeclaredOnceTest::isMainSource).toList()) {
                if (file.endsWith(Path.of("dev", "pairing", "runtime", "PipelineFlags.java"))
                        || file.endsWith(Path.of("dev", "pairing", "runtime", "OperationsFlags.java"))) {
                    continue;
                }
                Matcher m = DECLARATION.matcher(Files.readString(file));
                while (m.find()) {
                    String name = m.group(1) != null ? m.group(1) : m.group(2);
                    if (shared.contains(name)) {
                        found.add(root.relativize(file) + " declares --" + name);
                    }
                }
            }
        }
        assertThat(found).as("shared flags declared outside PipelineFlags (add PipelineFlags' constant instead)")
                .isEmpty();
        assertThat(shared).contains("pairSum", "rawTopic", "groupId", "enrichedTopic", "DLQ", "partitions", "guarantee",
                "metricsPort");
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString();
        return path.endsWith(".java") && path.contains("/src/main/java/") && !path.contains("/target/");
    }

    private static Set<String> sharedNames() throws IllegalAccessException {
        Set<String> names = new TreeSet<>();
        for (Class<?> declaring : List.of(PipelineFlags.class, OperationsFlags.class)) {
            for (Field field : declaring.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == Flag.class) {
                    names.add(((Flag<?>) field.get(null)).name());
                }
            }
        }
        return names;
    }
}
