package dev.pairing.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryUsersTest {

    @TempDir
    Path dir;

    @Test
    void aProcessNamingAPathInsideTheDirectoryUsesItAndTheMessageNamesIt() throws Exception {
        Process user = running(dir.resolve("kafka/server.properties"));
        try {
            assertThat(DirectoryUsers.of(dir)).extracting(ProcessHandle::pid).contains(user.pid());
            assertThatThrownBy(() -> DirectoryUsers.requireNone(dir))
                    .isInstanceOf(DirectoryUsers.InUseException.class)
                    .hasMessageContaining(dir + " is in use by ")
                    .hasMessageContaining("pid " + user.pid())
                    .hasMessageContaining("--dataDir");
        } finally {
            user.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSiblingWithTheSamePrefixIsNotInside() throws Exception {
        Process neighbour = running(Path.of(dir + "-other", "state"));
        try {
            assertThat(DirectoryUsers.of(dir)).extracting(ProcessHandle::pid).doesNotContain(neighbour.pid());
            DirectoryUsers.requireNone(dir);
        } finally {
            neighbour.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A process with {@code path} on its command line, as the local stack's processes carry their data paths. */
    private static Process running(Path path) throws Exception {
        Process process = new ProcessBuilder(List.of("sh", "-c", "sleep 60; true", path.toString())).start();
        // "; true" keeps the shell from replacing itself with sleep, which would drop the path
        assertThat(process.isAlive()).isTrue();
        return process;
    }
}
