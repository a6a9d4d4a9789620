package dev.pairing.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pairing.placement.ClassSpread;
import dev.pairing.schemas.codec.ComplementClassKey;
import dev.pairing.testsupport.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NumberProducerIT {

    @RegisterExtension
    static final EmbeddedKafka kafka = new EmbeddedKafka();

    @Test
    void theCountArrivesKeyedByClassInTheOrderTheSeedGives() {
        kafka.createTopics(3, "raw-a", "raw-b");

        assertThat(produce("raw-a", "--count", "600", "--seed", "7")).isZero();
        assertThat(produce("raw-b", "--count", "600", "--seed", "7")).isZero();

        List<ConsumerRecord<byte[], byte[]>> a = kafka.readCommitted("raw-a");
        List<ConsumerRecord<byte[], byte[]>> b = kafka.readCommitted("raw-b");
        assertThat(a).hasSize(600);
        Map<String, List<String>> expected = expectedValuesByKey(7, 600);
        assertThat(valuesByKey(a)).isEqualTo(expected);
        assertThat(valuesByKey(b)).isEqualTo(expected);
        assertThat(partitionsByKey(a).keySet()).allSatisfy(key ->
                assertThat(ComplementClassKey.decode(key.getBytes(StandardCharsets.US_ASCII))).isBetween(0, 6));
        // each class in the one partition the Streams runner expects it in: class c in partition c mod 3
        partitionsByKey(a).forEach((key, partitions) -> assertThat(partitions).as("class %s", key)
                .containsExactly(ClassSpread.partitionOf(ComplementClassKey.decode(key.getBytes(StandardCharsets.US_ASCII)), 3)));
    }

    /** While it sends, the producer serves its Kafka client's metrics to Prometheus and says it is ready. */
    @Test
    void withAMetricsPortItServesItsClientsMetricsWhileItSends() throws Exception {
        kafka.createTopics(1, "raw-metrics");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> produce("raw-metrics", "--rate", "20",
                "--duration", "20s", "--metricsPort", Integer.toString(port)));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        Pattern sent = Pattern.compile("(?m)^kafka_producer_record_send_total\\{[^}]*\\} ([0-9.eE+]+)$");
        // the producer binds its port on its own thread: until then a scrape is refused
        await().atMost(Duration.ofSeconds(15)).ignoreException(ConnectException.class).untilAsserted(() -> {
            Matcher matcher = sent.matcher(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body());
            assertThat(matcher.find()).as("kafka_producer_record_send_total on /metrics").isTrue();
            assertThat(Double.parseDouble(matcher.group(1))).isPositive();
        });
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aMissingTopicIsAClearErrorNotAMinuteOfRetries() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = ProducerCli.run(new String[] {"--bootstrapServers", kafka.bootstrapServers(), "--topic", "nowhere",
                "--count", "1"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true), false);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("topic 'nowhere' does not exist");
    }

    private static int produce(String topic, String... extra) {
        List<String> args = new ArrayList<>(List.of("--bootstrapServers", kafka.bootstrapServers(), "--topic", topic,
                "--format", "text", "--corruptRate", "0.1"));
        args.addAll(List.of(extra));
        if (!args.contains("--rate")) {
            args.addAll(List.of("--rate", "0"));
        }
        return ProducerCli.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), false);
    }

    /** Per key, the values in the order NumberStream generates them: what one partition must hold. */
    private static Map<String, List<String>> expectedValuesByKey(long seed, int count) {
        NumberStream stream = new NumberStream(12, 0.1, NumberStream.Format.TEXT, seed);
        Map<String, List<String>> byKey = new HashMap<>();
        for (int i = 0; i < count; i++) {
            NumberStream.Generated record = stream.next(i);
            byKey.computeIfAbsent(text(record.key()), k -> new ArrayList<>()).add(text(record.value()));
        }
        return byKey;
    }

    private static Map<String, List<String>> valuesByKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<String>> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byKey.computeIfAbsent(text(record.key()), k -> new ArrayList<>()).add(text(record.value()));
        }
        return byKey;
    }

    private static Map<String, java.util.Set<Integer>> partitionsByKey(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, java.util.Set<Integer>> byKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byKey.computeIfAbsent(text(record.key()), k -> new java.util.HashSet<>()).add(record.partition());
        }
        return byKey;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
