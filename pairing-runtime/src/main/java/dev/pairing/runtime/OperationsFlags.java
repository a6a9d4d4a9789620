package dev.pairing.runtime;

import dev.pairing.flags.Flag;

/**
 * The flags every long-running process of the project shares for operating it, beside the pipeline's
 * own ({@link PipelineFlags}): declared once here, added by each command that serves them.
 */
public final class OperationsFlags {

    /** Where Prometheus scrapes and a probe asks; unset means the process serves no endpoint. */
    public static final Flag<Integer> METRICS_PORT = Flag.optionalInteger("metricsPort", 0, 65_535,
            "serve /metrics (Prometheus) and /health/live, /health/ready on this port, on every interface;"
                    + " 0 = a free port, logged; unset = no endpoint");

    private OperationsFlags() {}
}
