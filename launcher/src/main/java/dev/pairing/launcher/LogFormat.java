package dev.pairing.launcher;

import java.util.List;

/**
 * The one switch of every process's log format: {@value #VARIABLE}{@code =}{@value #JSON} in the
 * environment makes each process log one JSON object per line, in Elastic's Common Schema (log4j2's
 * JSON template layout with its {@value #EVENT_TEMPLATE}); unset, or anything else, keeps the text
 * lines. Each logging configuration of the project selects its layout with log4j2's
 * {@code EnvironmentArbiter} on this variable, so the switch takes effect when the process starts and
 * needs no flag: the runners, the producer, verify and the {@code ./pairing} commands read it from
 * their own configuration files, the local broker and Flink cluster from the ones generated with
 * {@link #propertiesLayout}. {@code LogFormatTest} checks every configuration file of the project
 * against these values.
 */
public final class LogFormat {

    /** The environment variable. */
    public static final String VARIABLE = "PAIRING_LOG_FORMAT";
    /** Its value for JSON lines. */
    public static final String JSON = "json";
    /** The JSON template layout's event template. */
    public static final String EVENT_TEMPLATE = "classpath:EcsLayout.json";

    private LogFormat() {}

    /**
     * The lines of a log4j2 properties configuration that give an appender its layout: JSON under the
     * switch, else the pattern.
     *
     * @param appender the appender's key prefix, e.g. {@code appender.main}
     * @param pattern  the text layout's pattern
     * @return the properties lines
     */
    public static List<String> propertiesLayout(String appender, String pattern) {
        String select = appender + ".select";
        return List.of(
                select + ".type = Select",
                select + ".json.type = EnvironmentArbiter",
                select + ".json.propertyName = " + VARIABLE,
                select + ".json.propertyValue = " + JSON,
                select + ".json.layout.type = JsonTemplateLayout",
                select + ".json.layout.eventTemplateUri = " + EVENT_TEMPLATE,
                select + ".text.type = DefaultArbiter",
                select + ".text.layout.type = PatternLayout",
                select + ".text.layout.pattern = " + pattern);
    }
}
