package dev.pairing.chaos;

import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed of a drill's random choices (kill moments, input): {@code -Dchaos.seed=N} replays a
 * run; otherwise a new one, always logged so that a failure can be replayed.
 */
final class ChaosSeed {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosSeed.class);

    private ChaosSeed() {}

    static Random random(String drill) {
        String given = System.getProperty("chaos.seed", "");
        long seed = given.isBlank() ? System.nanoTime() ^ Double.doubleToLongBits(Math.random()) : Long.parseLong(given.trim());
        LOG.info("{}: seed {} (replay with -Dchaos.seed={})", drill, seed, seed);
        return new Random(seed);
    }
}
