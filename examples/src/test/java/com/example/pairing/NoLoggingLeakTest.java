package com.example.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The libraries leave logging to the service: no logging implementation and no logging configuration
 * arrive with them, even through the test kit (which brings the whole Streams runner).
 */
class NoLoggingLeakTest {

    @Test
    void noLoggingConfigurationOnTheClasspath() {
        for (String file : List.of("log4j2.xml", "log4j2-test.xml", "log4j.properties", "logback.xml")) {
            assertNull(getClass().getClassLoader().getResource(file), file + " came with a library");
        }
    }

    @Test
    void noLoggingImplementationOnTheClasspath() {
        List<String> found = Stream.of(
                        "org.apache.logging.log4j.core.LoggerContext",
                        "org.apache.logging.slf4j.Log4jLoggerFactory",
                        "ch.qos.logback.classic.LoggerContext",
                        "org.slf4j.impl.StaticLoggerBinder",
                        "org.slf4j.simple.SimpleLogger")
                .filter(NoLoggingLeakTest::present).toList();
        assertEquals(List.of(), found, "logging implementations that came with a library");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, NoLoggingLeakTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
