# syntax=docker/dockerfile:1
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /app porter
WORKDIR /app
COPY --from=build /src/target/porter.jar /app/porter.jar
COPY conf /app/conf
RUN mkdir -p /app/data/files && chown -R porter /app/data
USER porter
ENV PORTER_HTTP_PORT=8080 \
    PORTER_STORAGE_DIR=/app/data/files \
    JAVA_OPTS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/porter.jar"]
