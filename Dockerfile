# The project's images, built from this repository's sources in the first stage:
#   app        the producer, the Streams runner and local-stack's tail (plain Java 17)
#   flink-job  Flink itself with the pairing job jar, to submit the job to a cluster
# docker-compose.yml builds both; alone: docker build --target app -t pairing-app .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl producer,streams-runner,flink-runner,local-stack -am

FROM eclipse-temurin:17-jre AS app
WORKDIR /opt/pairing
COPY --from=build /src/producer/target/producer.jar \
                  /src/streams-runner/target/streams-runner.jar \
                  /src/local-stack/target/local-stack.jar \
                  /opt/pairing/
# the Streams runner's local state (RocksDB); a volume keeps it across restarts
RUN mkdir -p /var/lib/pairing/streams
CMD ["java", "-jar", "/opt/pairing/producer.jar", "--help"]

FROM flink:2.2.1-java17 AS flink-job
COPY --from=build /src/flink-runner/target/flink-runner.jar /opt/pairing/flink-runner.jar
