package dev.pairing.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Value;
import org.junit.jupiter.api.Test;

class OperationsEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsAreAKafkaRegistryInPrometheusTextFormatBesideTheJvms() throws Exception {
        try (Metrics kafka = new Metrics()) {
            Sensor sensor = kafka.sensor("requests");
            sensor.add(new MetricName("request-total", "producer-metrics", "requests sent", Map.of("client-id", "p-1")),
                    new CumulativeSum());
            sensor.add(new MetricName("records-lag", "consumer-fetch-manager-metrics", "behind", Map.of("topic", "raw")),
                    new Value());
            sensor.record(3);
            try (OperationsEndpoint endpoint = OperationsEndpoint.start(0, Health.RUNNING,
                    new KafkaClientMetrics(kafka::metrics))) {
                String body = get(endpoint, OperationsEndpoint.METRICS).body();

                assertThat(body).contains("# TYPE kafka_producer_request_total counter")
                        .contains("kafka_producer_request_total{client_id=\"p-1\"} 3.0")
                        .contains("kafka_consumer_fetch_manager_records_lag{topic=\"raw\"} 3.0")
                        .contains("jvm_memory_used_bytes");
            }
        }
    }

    @Test
    void theProbesAnswerWhatTheHealthSays() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        Health health = new Health() {
            @Override
            public Status live() {
                return Status.up("LIVE");
            }

            @Override
            public Status ready() {
                return ready.get() ? Status.up("RUNNING") : Status.down("REBALANCING \"now\"");
            }
        };
        try (OperationsEndpoint endpoint = OperationsEndpoint.start(0, health)) {
            HttpResponse<String> notYet = get(endpoint, OperationsEndpoint.READY);
            assertThat(notYet.statusCode()).isEqualTo(503);
            assertThat(notYet.body()).isEqualTo("{\"status\":\"DOWN\",\"detail\":\"REBALANCING \\\"now\\\"\"}\n");
            assertThat(get(endpoint, OperationsEndpoint.LIVE).statusCode()).isEqualTo(200);

            ready.set(true);

            assertThat(get(endpoint, OperationsEndpoint.READY).statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(OperationsEndpoint endpoint, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
