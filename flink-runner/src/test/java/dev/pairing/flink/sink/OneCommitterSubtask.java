package dev.pairing.flink.sink;

import java.util.OptionalLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobInfo;
import org.apache.flink.api.common.JobInfoImpl;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.TaskInfoImpl;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.metrics.groups.SinkCommitterMetricGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkCommitterMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;

/** Subtask 0 of 1, first attempt: all the Kafka committer asks of its context. */
final class OneCommitterSubtask implements CommitterInitContext {

    @Override
    public SinkCommitterMetricGroup metricGroup() {
        // the guard counts lost transactions here (pairing_lost_transactions_total)
        return InternalSinkCommitterMetricGroup.wrap(UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup());
    }

    @Override
    public OptionalLong getRestoredCheckpointId() {
        return OptionalLong.of(1);
    }

    @Override
    public JobInfo getJobInfo() {
        return new JobInfoImpl(new JobID(), "lost transaction");
    }

    @Override
    public TaskInfo getTaskInfo() {
        return new TaskInfoImpl("committer", 1, 0, 1, 0);
    }
}
