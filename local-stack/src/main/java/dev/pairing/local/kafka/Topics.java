package dev.pairing.local.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the pipeline's topics, leaving existing ones as they are. */
public final class Topics {

    private Topics() {}

    public static void ensure(Properties client, int partitions, List<String> names) {
        try (Admin admin = Admin.create(client)) {
            List<NewTopic> topics = new ArrayList<>();
            for (String name : names) {
                topics.add(new NewTopic(name, partitions, (short) 1));
            }
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("could not create topic " + name + ": " + e.getMessage(), e);
                }
            });
        }
    }
}
