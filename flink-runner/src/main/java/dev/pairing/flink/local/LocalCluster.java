package dev.pairing.flink.local;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;

/** The MiniCluster's settings for a local run: heap state, kept checkpoints, restarts that back off. */
final class LocalCluster {

    private LocalCluster() {}

    static Configuration configuration(int parallelism, LocalCheckpoints checkpoints, Optional<Path> resumeFrom) {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        // heap state: no managed memory to reserve, and the JVM's heap is the one budget to size
        config.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ZERO);
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.directory().toUri().toString());
        config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        config.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, checkpoints.jobId().toHexString());
        // a failure restarts the job inside this JVM from its last checkpoint, as on a cluster
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        resumeFrom.ifPresent(path -> {
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString());
            // the run owns the checkpoint it resumes from: deleted once a newer one completes, as its own would be
            config.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
        });
        return config;
    }
}
