package dev.pairing.apicompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.core.PairingRules;
import dev.pairing.core.matching.ComplementMatcher;
import dev.pairing.core.validation.NumberValidator;
import dev.pairing.flink.PairingJob;
import dev.pairing.flink.PairingJobConfig;
import dev.pairing.runtime.Guarantee;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.runtime.TopicPolicy;
import dev.pairing.streams.PairingApp;
import dev.pairing.streams.PairingTopology;
import dev.pairing.streams.StreamsRunnerConfig;
import dev.pairing.streams.membership.Membership;
import dev.pairing.testkit.store.PendingStoreContract;
import dev.pairing.testkit.streams.PairingTestDriver;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API, kept binary compatible: what other teams build on (docs/library.md). Every public
 * type of these packages, and these single types, with their public and protected members, must
 * match the recorded baseline {@code public-api.txt}. A removed or changed line is a break; a new
 * line is an addition nobody decided yet. Either way the build fails until the baseline is recorded
 * again on purpose: {@code ./mvnw -pl api-compat -am verify -Dapi.record=true}, then review the diff.
 */
class PublicApiTest {

    /** Packages whose every public type is public API: one anchor type each. */
    static final List<Class<?>> PUBLIC_PACKAGES = List.of(PairingRules.class, ComplementMatcher.class,
            NumberValidator.class, PendingStoreContract.class, PairingTestDriver.class);

    /** Public API in packages that also hold the runners' own classes. */
    static final List<Class<?>> PUBLIC_TYPES = List.of(PipelineSpec.class, TopicPolicy.class, Guarantee.class,
            PairingTopology.class, PairingApp.class, StreamsRunnerConfig.class, Membership.class, PairingJob.class,
            PairingJobConfig.class);

    @Test
    void thePublicApiMatchesItsRecordedBaseline() throws Exception {
        Set<String> current = currentApi();
        Path baseline = Path.of(System.getProperty("api.baseline", "public-api.txt"));
        if (Boolean.parseBoolean(System.getProperty("api.record", "false"))) {
            Files.write(baseline, current, StandardCharsets.UTF_8);
            return;
        }
        assertThat(baseline).as("the recorded API; make it with -Dapi.record=true").exists();
        Set<String> recorded = new TreeSet<>(Files.readAllLines(baseline, StandardCharsets.UTF_8));
        recorded.remove("");

        Set<String> removed = new TreeSet<>(recorded);
        removed.removeAll(current);
        Set<String> added = new TreeSet<>(current);
        added.removeAll(recorded);
        assertThat(removed).as("public API removed or changed, which breaks code built against it;"
                + " if that is the decision, record it with -Dapi.record=true and say so in the release notes").isEmpty();
        assertThat(added).as("public API added but not recorded: record it with -Dapi.record=true").isEmpty();
    }

    @Test
    void theBaselineCoversTheTypesItNames() throws Exception {
        Set<String> current = currentApi();
        for (Class<?> type : PUBLIC_TYPES) {
            assertThat(current).anyMatch(line -> line.startsWith(type.getName() + " : "));
        }
        assertThat(current.stream().map(line -> line.substring(0, line.indexOf(' '))).distinct().count())
                .as("types in the public API").isGreaterThan(PUBLIC_TYPES.size() + PUBLIC_PACKAGES.size());
    }

    private static Set<String> currentApi() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> lines = new TreeSet<>();
        for (Class<?> anchor : PUBLIC_PACKAGES) {
            for (Class<?> type : publicTypesOfPackage(anchor)) {
                lines.addAll(ApiSignatures.of(type));
            }
        }
        for (Class<?> type : PUBLIC_TYPES) {
            lines.addAll(ApiSignatures.of(type));
        }
        return lines;
    }

    /** The public top-level types of the anchor's package, read from its jar (or class directory). */
    private static List<Class<?>> publicTypesOfPackage(Class<?> anchor)
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        String dir = anchor.getPackageName().replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.list(location.resolve(dir))) {
                files.map(f -> dir + f.getFileName()).forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(dir)).forEach(names::add);
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            String rest = name.substring(dir.length());
            if (!rest.endsWith(".class") || rest.contains("/") || rest.contains("$") || rest.equals("package-info.class")) {
                continue;
            }
            Class<?> type = Class.forName(anchor.getPackageName() + "." + rest.substring(0, rest.length() - 6), false,
                    anchor.getClassLoader());
            if (Modifier.isPublic(type.getModifiers())) {
                types.add(type);
            }
        }
        return types;
    }
}
