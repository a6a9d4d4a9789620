package dev.pairing.launcher.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrphanGuardTest {

    /** A program that would run forever: what a broker looks like to its parent. */
    public static final class Forever {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("running with " + String.join(" ", args));
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void theChildStopsWhenItsParentsEndOfThePipeCloses() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanGuard.class.getName(), Forever.class.getName(),
                "a", "b").redirectErrorStream(true).start();
        String first = new String(process.getInputStream().readNBytes("running with a b".length()));
        assertThat(first).isEqualTo("running with a b");
        assertThat(process.isAlive()).isTrue();

        // what the parent's death does to the pipe
        process.getOutputStream().close();

        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(OrphanGuard.PARENT_GONE);
    }

    @Test
    void classpathSeparatorIsThePlatformOne() {
        // the guarded command lines join classpaths with it; a wrong one would start nothing
        assertThat(new JavaCommand().classpath(Path.of("a.jar")).classpath(Path.of("b.jar")).main("M").toList())
                .contains("a.jar" + File.pathSeparator + "b.jar");
    }
}
