package dev.pairing.benchmarks.e2e;

/**
 * What the pipeline must write for the preloaded input, from {@code PairingOracle} over the generated
 * records in the order each class meets them (one class lives in one raw partition, in send order).
 */
record Expected(long inputs, long pairs, long deadLetters, long unpaired, long pending) {

    long outputs() {
        return pairs + deadLetters + unpaired;
    }
}
