package dev.pairing.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {

    @Test
    void killsTheEngineTwiceAndABrokerOnceBetweenThem() {
        ChaosPlan plan = ChaosPlan.random(42, Duration.ofSeconds(60), ChaosTarget.RUNNER);

        assertThat(plan.kills()).extracting(ChaosPlan.Kill::target)
                .containsExactly(ChaosTarget.RUNNER, ChaosTarget.BROKER, ChaosTarget.RUNNER);
    }

    @Test
    void theKillsFallInOrderInsideTheDurationWithRoomForTheLastRecovery() {
        for (long seed = 0; seed < 200; seed++) {
            Duration duration = Duration.ofSeconds(45 + seed);
            List<ChaosPlan.Kill> kills = ChaosPlan.random(seed, duration, ChaosTarget.TASKMANAGER).kills();

            assertThat(kills.get(0).at()).isPositive().isLessThan(kills.get(1).at());
            assertThat(kills.get(1).at()).isLessThan(kills.get(2).at());
            // the last kill leaves over a quarter of the duration to recover in
            assertThat(kills.get(2).at().multipliedBy(4)).isLessThan(duration.multipliedBy(3));
            // and each one at least a tenth before the next
            assertThat(kills.get(1).at().minus(kills.get(0).at()).multipliedBy(10)).isGreaterThanOrEqualTo(duration);
            assertThat(kills.get(2).at().minus(kills.get(1).at()).multipliedBy(10)).isGreaterThanOrEqualTo(duration);
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
    }

    @Test
    void aDurationTooShortForThreeRecoveriesIsRefused() {
        assertThatThrownBy(() -> ChaosPlan.random(1, Duration.ofSeconds(30), ChaosTarget.RUNNER))
                .hasMessageContaining("--duration").hasMessageContaining("45s");
    }
}
