package dev.pairing.flink.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.flags.UsageException;
import dev.pairing.flink.JobFlags;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The one-JVM job's command line: the job's flags and its own two, checked before Flink starts. */
class LocalJobFlagsTest {

    @Test
    void theMainClassALauncherStartsIsTheLocalJob() {
        assertThat(LocalJobFlags.MAIN_CLASS).isEqualTo(LocalPairingJob.class.getName());
    }

    @Test
    void itTakesEveryFlagOfTheJobPlusStateDirAndParallelism() {
        assertThat(LocalJobFlags.declare().names()).containsAll(JobFlags.declare().names())
                .contains("stateDir", "parallelism");
    }

    @Test
    void theStateDirIsMadeAbsoluteAndTheJobsValuesAreCheckedAsTheJobChecksThem() throws Exception {
        LocalJobFlags.Settings settings = LocalJobFlags.toSettings(LocalJobFlags.declare()
                .parse("--stateDir", "state/../local", "--parallelism", "2", "--groupId", "g"));

        assertThat(settings.stateDir()).isEqualTo(Path.of("local").toAbsolutePath());
        assertThat(settings.parallelism()).isEqualTo(2);
        assertThat(settings.job().pipeline().groupId()).isEqualTo("g");
        assertThatThrownBy(() -> LocalJobFlags.toSettings(LocalJobFlags.declare().parse("--checkpointInterval", "10ms")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--checkpointInterval must be at least");
        assertThatThrownBy(() -> LocalJobFlags.toSettings(LocalJobFlags.declare().parse("--parallelism", "0")))
                .isInstanceOf(UsageException.class).hasMessageContaining("--parallelism");
    }
}
