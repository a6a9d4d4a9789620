package dev.pairing.chaos;

import dev.pairing.netns.Freeze;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The zombie drill ({@link ZombieDrill}) by a freeze: runner a's JVM stopped with SIGSTOP for 25 s
 * (a long garbage collection, a stalled virtual machine), then SIGCONT, on the shared three-node
 * cluster on loopback. Needs no network namespace: a frozen process is silent on every link.
 *
 * <p>{@code -Dchaos.freeze.guarantee=at_least_once -Dchaos.freeze.commitInterval=5s} runs the broken
 * variant, whose ledger must fail.
 */
class StreamsFreezeIT {

    @RegisterExtension
    static final ChaosStack stack = new ChaosStack();

    @Test
    void aFrozenRunnerIsFencedWhenItWakesAndItsPartnerCommitsEveryOutcomeOnce() throws Exception {
        Path dir = stack.dir("streams-freeze");
        ZombieDrill drill = new ZombieDrill(dir, Pipeline.named("streams-freeze"), stack.kafkaCluster(),
                Drill.variant("chaos.freeze"));
        drill.run(null, null, "a frozen (SIGSTOP)", a -> Freeze.of("runner a", a.process()));
    }
}
