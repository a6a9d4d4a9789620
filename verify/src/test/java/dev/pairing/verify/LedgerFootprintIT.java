package dev.pairing.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.Reference;
import org.junit.jupiter.api.Test;

/**
 * What verify keeps in the heap per raw record, measured on five million of them: the figure the
 * docs/verifying.md and the --maxRecords message give must be true. No broker, but minutes on a busy machine,
 * so it runs with the integration tests.
 */
class LedgerFootprintIT {

    private static final long RECORDS = 5_000_000;

    @Test
    void fiveMillionRecordsKeepAtMostTheAdvertisedBytesEach() {
        GeneratedPipeline pipeline = new GeneratedPipeline(RECORDS, 42);
        // once first, so that classes, codecs and their caches are loaded before the baseline: they are not per record
        GeneratedPipeline small = new GeneratedPipeline(10_000, 7);
        assertThat(new LedgerCheck(small.config(RECORDS), small).run().ok()).isTrue();
        long before = heapUsedAfterGc();
        LedgerCheck check = new LedgerCheck(pipeline.config(2 * RECORDS), pipeline);
        VerifyReport report = check.run();
        long after = heapUsedAfterGc();
        Reference.reachabilityFence(check);

        double perRecord = (after - before) / (double) RECORDS;
        System.out.printf("verify keeps %.1f bytes of heap a raw record (%,d records, %,d bytes)%n", perRecord,
                RECORDS, after - before);
        assertThat(report.ok()).isTrue();
        assertThat(report.raw).isEqualTo(RECORDS);
        // the budget counts the arrays' elements; their headers and a few MB the check keeps whatever
        // the topics' size come on top, which must stay small beside the figure
        assertThat(perRecord).isLessThanOrEqualTo(HeapBudget.BYTES_PER_RECORD * 1.05);
    }

    private static long heapUsedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
