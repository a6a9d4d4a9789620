# The project's images, built from this repository's sources in the first stage:
#   app    the producer, the Streams runner and verify (plain Java 17)
#   flink  Flink itself with the pairing job jar: the JobManager, the TaskManagers and the submitter
# docker-compose.yml builds both; alone: docker build --target app -t pairing-app .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# local-stack/flink-lib: the JSON template layout of PAIRING_LOG_FORMAT=json for the Flink image
RUN mvn -B -q -DskipTests package -pl producer,streams-runner,flink-runner,verify,local-stack/flink-lib -am

FROM eclipse-temurin:17-jre AS app
WORKDIR /opt/pairing
COPY --from=build /src/producer/target/producer.jar \
                  /src/streams-runner/target/streams-runner.jar \
                  /src/verify/target/verify.jar \
                  /opt/pairing/
# the Streams runner's local state (RocksDB); a volume keeps it across restarts
RUN mkdir -p /var/lib/pairing/streams
CMD ["java", "-jar", "/opt/pairing/producer.jar", "--help"]

FROM flink:2.2.1-java17 AS flink
# the job jar where the original project's `flink run /opt/flink/usrlib/...` finds it
COPY --from=build --chown=flink:flink /src/flink-runner/target/flink-runner.jar /opt/flink/usrlib/flink-runner.jar
# the project's one log switch (PAIRING_LOG_FORMAT=json) for Flink's own processes: the layout and a console
# configuration that selects it; Flink's Prometheus reporter is in the image's plugins/metrics-prometheus
COPY --from=build --chown=flink:flink /src/local-stack/flink-lib/target/lib/log4j-layout-template-json-*.jar /opt/flink/lib/
COPY --chown=flink:flink docker/flink/log4j-console.properties /opt/flink/conf/log4j-console.properties
# Flink runs as the image's flink user (uid 9999); a new named volume takes the owner of the path it
# is mounted on, so the checkpoint directory is made here, owned by flink, or checkpoints fail
RUN mkdir -p /opt/flink/state/checkpoints /opt/flink/state/savepoints && chown -R flink:flink /opt/flink/state
