package dev.pairing.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {

    @Test
    void killsTheEngineTwiceAndABrokerOnceBetweenThemThenFreezesAndCutsTheEngine() {
        ChaosPlan plan = ChaosPlan.random(42, Duration.ofSeconds(80), ChaosTarget.RUNNER);

        assertThat(plan.kills()).extracting(ChaosPlan.Kill::target)
                .containsExactly(ChaosTarget.RUNNER, ChaosTarget.BROKER, ChaosTarget.RUNNER);
        assertThat(plan.lasting()).extracting(ChaosPlan.LastingFault::kind)
                .containsExactly(ChaosPlan.Kind.FREEZE, ChaosPlan.Kind.CUT_OFF);
        assertThat(plan.lasting()).allSatisfy(fault -> {
            assertThat(fault.target()).isEqualTo(ChaosTarget.RUNNER);
            assertThat(fault.length()).isEqualTo(ChaosPlan.LASTS);
        });
        assertThat(plan.size()).isEqualTo(5);
    }

    @Test
    void theFaultsFallInOrderInsideTheDurationWithRoomForEachRecovery() {
        for (long seed = 0; seed < 200; seed++) {
            Duration duration = Duration.ofSeconds(80 + seed);
            ChaosPlan plan = ChaosPlan.random(seed, duration, ChaosTarget.TASKMANAGER);
            List<ChaosPlan.Kill> kills = plan.kills();
            ChaosPlan.LastingFault freeze = plan.lasting().get(0);
            ChaosPlan.LastingFault cut = plan.lasting().get(1);

            assertThat(kills.get(0).at()).isPositive().isLessThan(kills.get(1).at());
            assertThat(kills.get(1).at()).isLessThan(kills.get(2).at());
            // each kill at least a fourteenth of the duration (over 5 s) before the next
            assertThat(kills.get(1).at().minus(kills.get(0).at()).multipliedBy(14)).isGreaterThanOrEqualTo(duration);
            assertThat(kills.get(2).at().minus(kills.get(1).at()).multipliedBy(14)).isGreaterThanOrEqualTo(duration);
            // the freeze comes a tenth after the last kill, the cut over a tenth after the freeze is over
            assertThat(freeze.at().minus(kills.get(2).at()).multipliedBy(12)).isGreaterThanOrEqualTo(duration);
            assertThat(cut.at().minus(freeze.at().plus(freeze.length())).multipliedBy(10))
                    .isGreaterThanOrEqualTo(duration);
            // and the cut is over with a seventh of the duration (over 11 s) left to recover in while numbers arrive
            assertThat(cut.at().plus(cut.length()).multipliedBy(7)).isLessThanOrEqualTo(duration.multipliedBy(6));
        }
    }

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnotherOne() {
        Duration duration = Duration.ofSeconds(90);

        assertThat(ChaosPlan.random(7, duration, ChaosTarget.RUNNER))
                .isEqualTo(ChaosPlan.random(7, duration, ChaosTarget.RUNNER));
        assertThat(ChaosPlan.random(8, duration, ChaosTarget.RUNNER).kills())
                .isNotEqualTo(ChaosPlan.random(7, duration, ChaosTarget.RUNNER).kills());
    }

    @Test
    void theDescriptionNamesEachMomentAndTheSeedThatReplaysIt() {
        String text = ChaosPlan.random(7, Duration.ofSeconds(90), ChaosTarget.TASKMANAGER).describe();

        assertThat(text).contains("--seed 7").containsPattern("at +\\d+\\.\\d s  SIGKILL a Flink TaskManager")
                .contains("SIGKILL a Kafka broker");
        assertThat(text.lines().filter(line -> line.contains("SIGKILL"))).hasSize(3);
        assertThat(text).containsPattern("at +\\d+\\.\\d s  SIGSTOP a Flink TaskManager for 12 s")
                .containsPattern("at +\\d+\\.\\d s  cut the Flink job off from the brokers for 12 s");
        // in the order they happen
        assertThat(text.indexOf("SIGSTOP")).isGreaterThan(text.lastIndexOf("SIGKILL"));
        assertThat(text.indexOf("cut the")).isGreaterThan(text.indexOf("SIGSTOP"));
        assertThat(ChaosPlan.random(7, Duration.ofSeconds(90), ChaosTarget.RUNNER).describe())
                .contains("cut the Streams runner off from the brokers for 12 s");
    }

    @Test
    void aDurationTooShortForFiveRecoveriesIsRefused() {
        assertThatThrownBy(() -> ChaosPlan.random(1, Duration.ofSeconds(79), ChaosTarget.RUNNER))
                .hasMessageContaining("--duration").hasMessageContaining("80s");
    }
}
