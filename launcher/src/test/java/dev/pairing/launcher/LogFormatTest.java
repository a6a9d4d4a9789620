package dev.pairing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every logging configuration a process of the project starts with selects its layout by the one
 * switch ({@link LogFormat}): the XML files of the applications, the Flink image's properties, and the
 * properties generated for the local broker and cluster.
 */
class LogFormatTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void everyApplicationsConfigurationSelectsJsonLinesBySwitch() throws IOException {
        List<Path> configurations;
        try (Stream<Path> files = Files.walk(ROOT)) {
            configurations = files.filter(file -> file.getFileName().toString().equals("log4j2.xml"))
                    .filter(file -> !file.toString().contains("/target/") && !file.toString().contains("/src/test/"))
                    .toList();
        }
        assertThat(configurations).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : configurations) {
            String xml = Files.readString(file);
            assertThat(xml).as(ROOT.relativize(file).toString())
                    .contains("<EnvironmentArbiter propertyName=\"" + LogFormat.VARIABLE + "\" propertyValue=\""
                            + LogFormat.JSON + "\">")
                    .contains("<JsonTemplateLayout eventTemplateUri=\"" + LogFormat.EVENT_TEMPLATE + "\"/>")
                    .contains("<DefaultArbiter>");
        }
    }

    @Test
    void theFlinkImagesConsoleConfigurationSelectsBothAppendersLayouts() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docker/flink/log4j-console.properties"));
        for (String appender : List.of("appender.console", "appender.rolling")) {
            List<String> layout = LogFormat.propertiesLayout(appender, "PATTERN");
            assertThat(lines).as(appender).containsAll(layout.subList(0, layout.size() - 1));
        }
    }

    @Test
    void theGeneratedLayoutFallsBackToThePattern() {
        assertThat(LogFormat.propertiesLayout("appender.main", "%m%n"))
                .contains("appender.main.select.json.propertyName = PAIRING_LOG_FORMAT",
                        "appender.main.select.text.layout.pattern = %m%n");
    }
}
