package dev.pairing.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pairing.flink.JobFlags;
import dev.pairing.launcher.runner.RunnerFlags;
import dev.pairing.streams.StreamsRunnerFlags;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The launcher spells the runners' flags to build their command lines (it sits below the runners and
 * cannot use their declarations): every name it spells is one a runner declares, so a renamed flag
 * fails here instead of in a demo or a drill.
 */
class RunnerFlagNamesTest {

    private static final List<String> VALUES = List.of("EXACTLY_ONCE", "AT_LEAST_ONCE");

    @Test
    void everyFlagTheLauncherSpellsIsDeclaredByARunner() throws Exception {
        int checked = 0;
        for (Field field : RunnerFlags.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !VALUES.contains(field.getName())) {
                String name = (String) field.get(null);
                assertThat(StreamsRunnerFlags.flagSet().declares(name) || JobFlags.declare().declares(name))
                        .as("RunnerFlags." + field.getName() + " = --" + name).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }
}
