package dev.pairing.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pairing.core.matching.PendingLimits;
import dev.pairing.core.validation.RejectReason;
import dev.pairing.core.validation.Verdict;
import dev.pairing.runtime.PipelineSpec;
import dev.pairing.schemas.codec.RawValueCodec;
import dev.pairing.schemas.deadletter.DeadLetter;
import dev.pairing.schemas.deadletter.DeadLetterFit;
import dev.pairing.schemas.deadletter.DeadLetterHeaders;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LedgerCheckTest {

    private static SimulatedPipeline correct() {
        return SimulatedPipeline.classKeyed(5_000, 3, 11, new PendingLimits(50, 0));
    }

    private static TopicRecord copy(TopicRecord r, long offset, Map<String, byte[]> headers, byte[] value) {
        return new TopicRecord(r.partition(), offset, r.timestamp(), r.key(), value, headers::get);
    }

    @Test
    void aCorrectPipelinePassesAndEveryRecordIsAccountedFor() {
        SimulatedPipeline pipeline = correct();
        VerifyReport report = pipeline.verify();

        assertThat(report.shownViolations()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.raw()).isEqualTo(5_000);
        assertThat(report.classKeyed()).isTrue();
        assertThat(report.pairs()).isPositive();
        assertThat(report.deadLetters()).isPositive();
        assertThat(report.unpaired()).as("the bound of 50 evicts some").isPositive();
        assertThat(2 * report.pairs() + report.deadLetters() + report.unpaired() + report.pending())
                .isEqualTo(report.raw());
        assertThat(report.oraclePairsCompared).isEqualTo(report.pairs());
        assertThat(report.deadLettersByReason().values().stream().mapToLong(Long::longValue).sum())
                .as("dead letters by reason add up").isEqualTo(report.deadLetters());
        assertThat(report.deadLettersByReason()).as("one entry per reason found, as the raw records were rejected")
                .isEqualTo(report.rejected);
        assertThat(report.unpairedByReason().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(report.unpaired());
        assertThat(report.pendingByClass().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(report.pending());
        assertThat(report.pendingByClass().values()).as("classes with none are left out").allMatch(n -> n > 0);
    }

    @Test
    void aPlantedDuplicatePairIsCaught() {
        SimulatedPipeline pipeline = correct();
        List<TopicRecord> pairs = pipeline.topics.get(SimulatedPipeline.ENRICHED);
        pairs.add(copy(pairs.get(7), pairs.size(), Map.of(), pairs.get(7).value()));

        VerifyReport report = pipeline.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.violations(Violation.Kind.DUPLICATE)).isEqualTo(2);
    }

    @Test
    void atLeastOnceToleratesADuplicatePairAndSaysSoButNeverALoss() {
        Set<Violation.Kind> atLeastOnce = Set.of(Violation.Kind.DUPLICATE, Violation.Kind.ORACLE_MISMATCH);
        SimulatedPipeline duplicated = correct();
        List<TopicRecord> pairs = duplicated.topics.get(SimulatedPipeline.ENRICHED);
        pairs.add(copy(pairs.get(7), pairs.size(), Map.of(), pairs.get(7).value()));
        SimulatedPipeline lost = correct();
        lost.topics.get(SimulatedPipeline.ENRICHED).remove(10);

        VerifyReport withDuplicate = duplicated.verify();
        VerifyReport withLoss = lost.verify();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        withDuplicate.print(new PrintStream(printed, true, StandardCharsets.UTF_8), duplicated.config, atLeastOnce,
                "at-least-once");

        assertThat(withDuplicate.okExcept(atLeastOnce)).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ALLOWED BY AT-LEAST-ONCE")
                .contains("RESULT: OK for at-least-once: nothing lost, 2 duplicate accountings")
                .doesNotContain("RESULT: FAILED");
        assertThat(withLoss.okExcept(atLeastOnce)).as("a lost pair leaves complements unmatched").isFalse();
    }

    @Test
    void aPlantedLostPairIsCaught() {
        SimulatedPipeline pipeline = correct();
        pipeline.topics.get(SimulatedPipeline.ENRICHED).remove(10);

        VerifyReport report = pipeline.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.violations(Violation.Kind.ORACLE_MISMATCH)).isEqualTo(1);
        assertThat(report.violations(Violation.Kind.UNMATCHED_COMPLEMENTS)).isEqualTo(1);
    }

    @Test
    void aLostPairIsCaughtWithoutTheOracleToo() {
        // same class in two partitions: no exact recomputation, but both sides pending is a loss
        SimulatedPipeline pipeline = SimulatedPipeline.empty(VerifyConfig.of(PipelineSpec.builder().topics("raw", "enriched", "dlq", "unpaired").build()));
        pipeline.raw(0, 0, 1, "5".getBytes(), RawValueCodec.encodeText(5));
        pipeline.raw(1, 0, 2, "5".getBytes(), RawValueCodec.encodeText(7));
        VerifyReport report = pipeline.verify();

        assertThat(report.classKeyed()).isFalse();
        assertThat(report.violations(Violation.Kind.UNMATCHED_COMPLEMENTS)).isEqualTo(1);
    }

    @Test
    void aPlantedWrongDeadLetterReasonIsCaught() {
        SimulatedPipeline pipeline = correct();
        List<TopicRecord> dlq = pipeline.topics.get(SimulatedPipeline.DLQ);
        TopicRecord original = dlq.get(0);
        Map<String, byte[]> headers = new HashMap<>();
        for (String name : List.of(DeadLetterHeaders.REASON, DeadLetterHeaders.DETAIL, DeadLetterHeaders.TOPIC,
                DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET, DeadLetterHeaders.TIMESTAMP)) {
            headers.put(name, original.lastHeader().apply(name));
        }
        String reason = new String(headers.get(DeadLetterHeaders.REASON), StandardCharsets.UTF_8);
        headers.put(DeadLetterHeaders.REASON, (reason.equals("EMPTY_VALUE") ? "OUT_OF_RANGE" : "EMPTY_VALUE").getBytes());
        dlq.set(0, copy(original, original.offset(), headers, original.value()));

        VerifyReport report = pipeline.verify();
        assertThat(report.violations(Violation.Kind.WRONG_DLQ_REASON)).isEqualTo(1);
        assertThat(report.ok()).isFalse();
    }

    @Test
    void deadLetterBytesMustBeTheRawBytes() {
        SimulatedPipeline pipeline = correct();
        List<TopicRecord> dlq = pipeline.topics.get(SimulatedPipeline.DLQ);
        TopicRecord original = dlq.get(3);
        byte[] changed = original.value() == null ? new byte[] {1} : new byte[original.value().length + 1];
        dlq.set(3, new TopicRecord(original.partition(), original.offset(), original.timestamp(), original.key(),
                changed, original.lastHeader()));

        assertThat(pipeline.verify().violations(Violation.Kind.DLQ_BYTES_DIFFER)).isEqualTo(1);
    }

    @Test
    void aRejectedRecordMissingFromTheDeadLetterTopicIsCaught() {
        SimulatedPipeline pipeline = correct();
        pipeline.topics.get(SimulatedPipeline.DLQ).remove(0);
        assertThat(pipeline.verify().violations(Violation.Kind.MISSING_FROM_DLQ)).isEqualTo(1);
    }

    @Test
    void outputsThatLieAboutTheirRawRecordsAreCaught() {
        SimulatedPipeline pipeline = correct();
        List<TopicRecord> pairs = pipeline.topics.get(SimulatedPipeline.ENRICHED);
        pairs.add(copy(pairs.get(0), pairs.size(), Map.of(), new byte[] {1, 2, 3}));
        pipeline.topics.get(SimulatedPipeline.UNPAIRED).add(
                copy(pairs.get(0), 99, Map.of(), pairs.get(1).value()));

        VerifyReport report = pipeline.verify();
        assertThat(report.violations(Violation.Kind.UNREADABLE_OUTPUT)).isEqualTo(2);
    }

    @Test
    void theReportPrintsCountsAndViolations() {
        SimulatedPipeline pipeline = correct();
        pipeline.topics.get(SimulatedPipeline.ENRICHED).remove(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pipeline.verify().print(new PrintStream(out, true), pipeline.config);

        assertThat(out.toString()).contains("raw records", "5,000", "ORACLE_MISMATCH", "RESULT: FAILED");
    }

    @Test
    void aTopicOverTheRecordLimitIsAClearError() {
        SimulatedPipeline small = correct();
        VerifyConfig limited = new VerifyConfig(PipelineSpec.builder().pairSum(12).topics("raw", "enriched", "dlq", "unpaired").limits(new PendingLimits(50, 0)).build(), 100);
        assertThatThrownBy(() -> new LedgerCheck(limited, small).run())
                .isInstanceOf(VerifyException.class)
                .hasMessageContaining("--maxRecords");
    }

    @Test
    void numbersWaitingInTheReplayCountAgainstTheRecordLimitToo() {
        // a thousand 5s and nothing else: every one waits in the replay, on top of its raw record
        VerifyConfig limited = new VerifyConfig(PipelineSpec.builder().pairSum(12).topics("raw", "enriched", "dlq", "unpaired").limits(PendingLimits.DEFAULT).build(), 1_000);
        SimulatedPipeline fives = SimulatedPipeline.empty(limited);
        for (int offset = 0; offset < 1_000; offset++) {
            fives.raw(0, offset, 1_000 + offset, null, RawValueCodec.encodeText(5));
        }
        fives.runCorrectly();

        assertThatThrownBy(fives::verify).isInstanceOf(VerifyException.class).hasMessageContaining("--maxRecords 1000");
    }

    @Test
    void aHeapTooSmallForTheTopicsStopsVerifyWithAMessageBeforeItRunsOut() {
        SimulatedPipeline pipeline = correct();
        HeapBudget smallHeap = new HeapBudget(pipeline.config.maxRecords(), 50_000);

        assertThatThrownBy(() -> new LedgerCheck(pipeline.config, pipeline, smallHeap).run())
                .isInstanceOf(VerifyException.class)
                .hasMessageContaining("more heap than this JVM has").hasMessageContaining("-Xmx");
    }

    @Test
    void aTruncatedDeadLetterIsTheCopyOfItsRawRecordWhenItsHashMatches() {
        SimulatedPipeline pipeline = truncatedDeadLetter(false);
        VerifyReport report = pipeline.verify();

        assertThat(report.shownViolations()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.deadLetters()).isEqualTo(1);
    }

    @Test
    void aTruncatedDeadLetterWithAnotherHashIsCaught() {
        SimulatedPipeline pipeline = truncatedDeadLetter(true);
        VerifyReport report = pipeline.verify();

        assertThat(report.violations(Violation.Kind.DLQ_HASH_MISMATCH)).isEqualTo(1);
        assertThat(report.ok()).isFalse();
    }

    @Test
    void aTruncatedDeadLetterWhoseKeyDidNotFitIsCheckedByTheKeysHash() {
        SimulatedPipeline pipeline = SimulatedPipeline.empty(VerifyConfig.of(PipelineSpec.builder().topics("raw", "enriched", "dlq", "unpaired").build()));
        byte[] key = new byte[8_000];
        new Random(4).nextBytes(key);
        byte[] value = new byte[2_000];
        pipeline.raw(0, 0, 1, key, value);
        DeadLetter letter = new DeadLetter(RejectReason.TOO_LARGE, "2000 bytes; a number record is at most 1024",
                "raw", 0, 0, 1);
        DeadLetterFit.Fitted fitted = DeadLetterFit.fit(key, value, letter, DeadLetterFit.MINIMUM_LIMIT);
        assertThat(fitted.key()).as("the key alone is over the limit").isNull();
        pipeline.append(SimulatedPipeline.DLQ, 1, fitted.key(), fitted.value(), headers(fitted));

        assertThat(pipeline.verify().shownViolations()).isEmpty();
    }

    /** A raw record over 1 KiB among valid ones, and its dead letter cut to 4 KiB, optionally with a false hash. */
    private static SimulatedPipeline truncatedDeadLetter(boolean wrongHash) {
        SimulatedPipeline pipeline = SimulatedPipeline.empty(VerifyConfig.of(PipelineSpec.builder().topics("raw", "enriched", "dlq", "unpaired").build()));
        byte[] value = new byte[50_000];
        new Random(8).nextBytes(value);
        byte[] key = "big".getBytes(StandardCharsets.UTF_8);
        pipeline.raw(0, 0, 1_000, key, value);
        Verdict rejected = new dev.pairing.core.validation.NumberValidator(new dev.pairing.core.PairingRules(12))
                .validate(new RawValueCodec().decode(value));
        DeadLetter letter = new DeadLetter(((Verdict.Rejected) rejected).reason(), ((Verdict.Rejected) rejected).detail(),
                "raw", 0, 0, 1_000);
        DeadLetterFit.Fitted fitted = DeadLetterFit.fit(key, value, letter, DeadLetterFit.MINIMUM_LIMIT);
        assertThat(fitted.truncated()).isTrue();
        Map<String, byte[]> headers = headers(fitted);
        if (wrongHash) {
            byte[] other = value.clone();
            other[7]++;
            headers.put(DeadLetterHeaders.ORIGINAL_SHA256, DeadLetterFit.sha256Hex(other).getBytes(StandardCharsets.UTF_8));
        }
        pipeline.append(SimulatedPipeline.DLQ, 1_000, fitted.key(), fitted.value(), headers);
        return pipeline;
    }

    private static Map<String, byte[]> headers(DeadLetterFit.Fitted fitted) {
        Map<String, byte[]> headers = new HashMap<>();
        fitted.headers().forEach(h -> headers.put(h.name(), h.value()));
        return headers;
    }
}
